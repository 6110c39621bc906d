import "server-only";
import { join } from "node:path";
import { persistentSecret } from "@/lib/crypto/persistent-secret";
import { getDb, type Db, type Tx } from "@/lib/db/client";
import { dataDir } from "@/lib/db/data-dir";
import { logOrigin } from "./log-origin";
import { generateSignerKey, NoteKeyError, parseSignerKey, type Ed25519NoteSigner } from "./note-keys";

/**
 * The audit log's signing key. It comes from VERITY_LOG_SIGNING_KEY (a `PRIVATE+KEY+…` signer key, from the
 * operator's secret store) or from `<data dir>/log-signing-key`, generated once like the other secrets, named
 * after the log origin. It is never written to the database, a log or an error: only its verifier key is
 * published, in audit_log_keys, before it signs anything, so every checkpoint stays checkable.
 */

export const LOG_SIGNING_KEY_FILE = "log-signing-key";

export const logSigningKeyPath = () => join(dataDir(), LOG_SIGNING_KEY_FILE);

/** Where the current key comes from: the environment wins over the data directory. */
export const logKeyFromEnvironment = () => Boolean(process.env.VERITY_LOG_SIGNING_KEY?.trim());

let parsed: { text: string; signer: Ed25519NoteSigner } | undefined;

/** The current signer: read each time (cheap), so a rotation by `verity log rotate-key` takes effect at once. */
export function loadLogSigner(): Ed25519NoteSigner {
  const fromEnvironment = logKeyFromEnvironment();
  const text = fromEnvironment
    ? process.env.VERITY_LOG_SIGNING_KEY!.trim()
    : persistentSecret(LOG_SIGNING_KEY_FILE, () => generateSignerKey(logOrigin()).signerKey);
  if (parsed?.text === text) return parsed.signer;
  try {
    parsed = { text, signer: parseSignerKey(text) };
  } catch (error) {
    // Neither NoteKeyError nor node:crypto's key errors quote the key, so the cause is safe to keep.
    const why = error instanceof NoteKeyError ? error.message : "it cannot be read";
    const source = fromEnvironment ? "VERITY_LOG_SIGNING_KEY" : logSigningKeyPath();
    throw new Error(`${source} is not a signer key: ${why}`, { cause: error });
  }
  return parsed.signer;
}

export type PublishedLogKey = { keyId: string; name: string; vkey: string; validFrom: Date; validUntil: Date | null };

/**
 * Every key the log ever published, oldest first, each valid until the next one's start (the last: still valid).
 * Takes a transaction too: a request reads them in its own (the embedded database serves one at a time).
 */
export async function listPublishedLogKeys(db: Db | Tx): Promise<PublishedLogKey[]> {
  const rows = await db.auditLogKey.findMany({ orderBy: [{ validFrom: "asc" }, { id: "asc" }] });
  return rows.map((row, index) => ({
    keyId: row.keyId,
    name: row.name,
    vkey: row.vkey,
    validFrom: row.validFrom,
    validUntil: rows[index + 1]?.validFrom ?? null,
  }));
}

/**
 * Makes `signer` the current published key unless it already is (the newest row). Serialised by an advisory
 * lock, so processes starting together publish a key once; valid_from is the clock after the lock, so
 * windows follow the order the keys really took over. True when a row was added.
 */
export async function publishLogKey(db: Db, signer: Ed25519NoteSigner): Promise<boolean> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('verity:audit-log-keys'))`;
    const latest = await tx.auditLogKey.findFirst({ orderBy: [{ validFrom: "desc" }, { id: "desc" }] });
    if (latest?.vkey === signer.verifierKey) return false;
    await tx.$executeRaw`INSERT INTO audit_log_keys (key_id, name, vkey, valid_from)
      VALUES (${signer.keyId}, ${signer.name}, ${signer.verifierKey}, clock_timestamp())`;
    return true;
  });
}

const knownCurrent = new WeakMap<Db, string>();

/** Publishes the current key if it is not yet the published one (at start-up, and before the first signature). */
export async function publishCurrentLogKey(db: Db): Promise<{ signer: Ed25519NoteSigner; published: boolean }> {
  const signer = loadLogSigner();
  if (knownCurrent.get(db) === signer.verifierKey) return { signer, published: false };
  const published = await publishLogKey(db, signer);
  knownCurrent.set(db, signer.verifierKey);
  return { signer, published };
}

/** The signer checkpoints are signed with, published before it is handed out. */
export async function currentLogSigner(db: Db = getDb()): Promise<Ed25519NoteSigner> {
  return (await publishCurrentLogKey(db)).signer;
}
