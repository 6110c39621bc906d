import "server-only";
import type { Db, Tx } from "@/lib/db/client";
import { listPublishedLogKeys } from "../checkpoints/log-keys";
import { parseVerifierKey, type NoteVerifier } from "../checkpoints/signed-note";

/** Every key the log ever signed with, as note verifiers: an old checkpoint stays verifiable after a rotation. */
export async function logVerifiers(db: Db | Tx): Promise<NoteVerifier[]> {
  // A verification inside a request's transaction reads through it (the embedded database runs one
  // transaction at a time); listPublishedLogKeys only reads the audit_log_keys model, which a transaction has too.
  return (await listPublishedLogKeys(db as Db)).map((key) => parseVerifierKey(key.vkey));
}
