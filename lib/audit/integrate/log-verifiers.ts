import "server-only";
import type { Db, Tx } from "@/lib/db/client";
import { heldLogKeys } from "../checkpoints/held-log-keys";
import { listPublishedLogKeys } from "../checkpoints/log-keys";
import { parseVerifierKey, type NoteVerifier } from "../checkpoints/signed-note";

/** How verification trusts a checkpoint's signer: only keys this process holds, never one read from the database. */
export type LogTrust = {
  /** Every key the log ever signed with that this process holds (an old checkpoint stays verifiable after a rotation). */
  verifiers: NoteVerifier[];
  /** `name+keyId` of held keys that audit_log_keys publishes differently: what it shows the world is not the key. */
  misPublished: Set<string>;
};

/** The keys verification trusts (lib/audit/checkpoints/held-log-keys.ts), and the published rows that contradict them. */
export async function logTrust(db: Db | Tx): Promise<LogTrust> {
  const verifiers = logVerifiers();
  const held = new Map(heldLogKeys().map((key) => [key.verifierKey.split("+").slice(0, 2).join("+"), key.verifierKey]));
  // A verification inside a request's transaction reads through it (the embedded database runs one
  // transaction at a time); listPublishedLogKeys only reads the audit_log_keys model, which a transaction has too.
  const misPublished = new Set<string>();
  for (const row of await listPublishedLogKeys(db as Db)) {
    const id = `${row.name}+${row.keyId}`;
    if (held.has(id) && held.get(id) !== row.vkey) misPublished.add(id);
  }
  return { verifiers, misPublished };
}

/** The keys this process holds, as note verifiers: what a checkpoint's signature is checked against. */
export function logVerifiers(): NoteVerifier[] {
  return heldLogKeys().map((key) => parseVerifierKey(key.verifierKey));
}
