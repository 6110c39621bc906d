import "server-only";
import { createHmac } from "node:crypto";
import { hostname } from "node:os";
import { join } from "node:path";
import { keyProvider } from "@/lib/crypto/key-provider";
import { LOCAL_RING, localKeySources } from "@/lib/crypto/local-key-provider";
import { encryptionKey, keyFile } from "@/lib/crypto/secret-box";
import { dataDir } from "@/lib/db/data-dir";
import type { Db } from "@/lib/db/client";

/** A key every instance on one database must share, how this instance got it, and how to give it another. */
export type InstanceKey = { name: "encryption" | "auth"; variable: string; key: Buffer; source: string; file: string };

const checkOf = (key: Buffer, name: string) =>
  createHmac("sha256", key).update(`verity instance key check: ${name}`).digest("base64url");

/** The encryption key as this instance resolves it (set, or generated into the data folder). */
export function encryptionInstanceKey(): InstanceKey {
  const variable = "VERITY_ENCRYPTION_KEY";
  const source = process.env[variable] ? variable : `generated file ${keyFile()}`;
  return { name: "encryption", variable, key: encryptionKey(), source, file: keyFile() };
}

/** The auth secret as `verity start` hands it to the web server (NEXTAUTH_SECRET, or the data folder's auth-secret). */
export function authInstanceKey(secret: string): InstanceKey {
  const variable = "NEXTAUTH_SECRET";
  const file = join(dataDir(), "auth-secret");
  const source = process.env[variable] ? variable : `generated file ${file}`;
  return { name: "auth", variable, key: Buffer.from(secret, "utf8"), source, file };
}

export const thisInstance = () => `${hostname()} (data folder ${dataDir()})`;

/**
 * Several instances on one database must seal and sign with the same keys: one that generated its own could not
 * open what the others sealed (webhook secrets, TOTP seeds) nor accept their sessions. The first instance records
 * an HMAC of a fixed label under each key; a later one whose keys give another HMAC refuses to start, naming the
 * variable to set and the instance whose value it must take. Neither message nor row holds a key.
 */
export async function checkInstanceKeys(
  db: Db,
  keys: InstanceKey[],
  instance = thisInstance(),
  ring?: RingKey[],
): Promise<void> {
  const problems: string[] = [];
  for (const key of keys) {
    const check = checkOf(key.key, key.name);
    await db.$executeRaw`
      INSERT INTO instance_key_checks (name, "check", instance, source)
      VALUES (${key.name}, ${check}, ${instance}, ${key.source}) ON CONFLICT (name) DO NOTHING`;
    const [first] = await db.$queryRaw<{ check: string; instance: string; source: string; created_at: Date }[]>`
      SELECT "check", instance, source, created_at FROM instance_key_checks WHERE name = ${key.name}`;
    if (first.check === check) continue;
    problems.push(
      `${key.variable} of this instance (${key.source}) does not match the one this database was first used with, ` +
        `by ${first.instance} on ${first.created_at.toISOString()} (${first.source}). ` +
        `Set ${key.variable} on this instance to that instance's value and start again.`,
    );
  }
  if (ring) problems.push(...(await missingKeyEncryptionKeys(db, ring, instance)));
  if (problems.length > 0) throw new InstanceKeyMismatch(problems);
}

/** A key-encryption key this instance holds: its id (a fingerprint, lib/crypto/local-key-provider) and its source. */
export type RingKey = { kekId: string; source: string };

/** Records which instance first held each KEK (and from where), so a later refusal can name it. */
export async function recordKeyEncryptionKeys(db: Db, ring: RingKey[], instance = thisInstance()): Promise<void> {
  for (const { kekId, source } of ring)
    await db.$executeRaw`
      INSERT INTO instance_key_checks (name, "check", instance, source)
      VALUES (${`kek:${kekId}`}, ${kekId}, ${instance}, ${source}) ON CONFLICT (name) DO NOTHING`;
}

/**
 * `verity keys rotate` on one instance adds a key-encryption key to that instance's ring only: another instance
 * without it cannot unwrap the data keys re-wrapped under it (nor any secret, seed or signing secret under those).
 * So every KEK wrapping a data key in this database must be in this instance's ring, or it refuses to start,
 * naming the key's id (a fingerprint, never the key), the instance that added it, and where to put it.
 */
async function missingKeyEncryptionKeys(db: Db, ring: RingKey[], instance: string): Promise<string[]> {
  await recordKeyEncryptionKeys(db, ring, instance);
  const held = new Set(ring.map((key) => key.kekId));
  const inUse = await db.$queryRaw<{ kek_id: string; keys: number }[]>`
    SELECT kek_id, count(*)::int AS keys FROM (
      SELECT kek_id FROM org_data_keys UNION ALL SELECT kek_id FROM platform_data_keys) AS wrapped
    GROUP BY kek_id ORDER BY kek_id`;
  const problems: string[] = [];
  for (const { kek_id: kekId, keys } of inUse) {
    if (held.has(kekId)) continue;
    const [first] = await db.$queryRaw<{ instance: string; source: string; created_at: Date }[]>`
      SELECT instance, source, created_at FROM instance_key_checks WHERE name = ${`kek:${kekId}`}`;
    const origin = first
      ? `it was added by ${first.instance} on ${first.created_at.toISOString()} (${first.source})`
      : "no instance recorded adding it";
    problems.push(
      `${LOCAL_RING.variable}: key-encryption key ${kekId}, which wraps ${keys} data key(s) in this database, is not ` +
        `in this instance's key ring; ${origin}. Give this instance that instance's ring: set ` +
        `${LOCAL_RING.variable} to its keys (newest first) or copy its key-encryption-keys folder to ` +
        `${LOCAL_RING.folder()}, and start again.`,
    );
  }
  return problems;
}

/** This instance's ring as its key provider holds it (sources for the local provider; ids only for another). */
export async function instanceRing(): Promise<RingKey[]> {
  const provider = keyProvider();
  if (provider.name === "local") return localKeySources();
  return (await provider.keyIds()).map((kekId) => ({ kekId, source: `key provider ${provider.name}` }));
}

export class InstanceKeyMismatch extends Error {
  constructor(readonly problems: string[]) {
    super(`This instance's keys do not match the other instances' on this database:\n  ${problems.join("\n  ")}`);
    this.name = "InstanceKeyMismatch";
  }
}

/**
 * `verity start` checks both keys and every key-encryption key in use; `verity worker` checks the encryption key
 * (it opens webhook secrets) and the auth secret only when NEXTAUTH_SECRET is set (it signs no sessions, so a worker
 * need not have one).
 */
export async function checkInstanceKeysAtStartUp({ authSecret }: { authSecret?: string | null }): Promise<void> {
  const { getDb } = await import("@/lib/db/client");
  const keys = [encryptionInstanceKey(), ...(authSecret ? [authInstanceKey(authSecret)] : [])];
  await checkInstanceKeys(getDb(), keys, thisInstance(), await instanceRing());
}
