import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import type { Db, Tx } from "@/lib/db/client";
import { keyProvider } from "./key-provider";
import type { DataKey } from "./org-data-keys";

/** What a wrapped platform data key is bound to: its own id (a wrap copied to another row fails). */
export const platformDataKeyContext = (dataKeyId: string) => `verity/platform-data-key/v1|${dataKeyId}`;

/**
 * Why TOTP seeds are not under an organization's data key: a seed is a person's, not an organization's. A user
 * belongs to several organizations or none; sealing the seed under one of them would tie the user's second factor
 * to that membership (leaving, or an org's data-key rotation or destruction, would break or have to re-seal it).
 * So per-person values sit under a platform-level data key, wrapped by the same key provider as every org's data
 * keys (a KEK rotation re-wraps it alike); the AAD still binds each value to its own row.
 */
const unwrapped = new Map<string, Buffer>();

async function unwrapRow(row: { id: string; kekId: string; wrappedKey: string }): Promise<DataKey> {
  const key = await keyProvider().unwrap({ kekId: row.kekId, wrapped: row.wrappedKey }, platformDataKeyContext(row.id));
  unwrapped.set(row.id, key);
  return { id: row.id, key };
}

export async function platformDataKeyById(db: Db | Tx, id: string): Promise<DataKey> {
  const hit = unwrapped.get(id);
  if (hit) return { id, key: hit };
  return unwrapRow(await db.platformDataKey.findUniqueOrThrow({ where: { id } }));
}

const findCurrent = (db: Db | Tx) =>
  db.platformDataKey.findFirst({ where: { retiredAt: null }, orderBy: { createdAt: "desc" } });

/**
 * The current platform data key, made on first use under a transaction-scoped advisory lock, so two instances
 * sealing their first seed at once share one key.
 */
export async function currentPlatformDataKey(db: Db): Promise<DataKey> {
  const row = await findCurrent(db);
  if (row) return platformDataKeyById(db, row.id);
  return platformDataKeyById(db, await db.$transaction(makeCurrent));
}

/**
 * The same, inside the caller's transaction (a mail written with the change that asks for it): a key made here
 * commits with that transaction, or not at all; the lock is held to its end, so another instance waits for it.
 */
export async function currentPlatformDataKeyIn(tx: Tx): Promise<DataKey> {
  const row = await findCurrent(tx);
  return platformDataKeyById(tx, row ? row.id : await makeCurrent(tx));
}

async function makeCurrent(tx: Tx): Promise<string> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('verity platform data key'))`;
  const again = await findCurrent(tx);
  if (again) return again.id;
  const fresh = randomUUID();
  const key = randomBytes(32);
  const { kekId, wrapped } = await keyProvider().wrap(key, platformDataKeyContext(fresh));
  await tx.platformDataKey.create({ data: { id: fresh, kekId, wrappedKey: wrapped } });
  unwrapped.set(fresh, key);
  return fresh;
}
