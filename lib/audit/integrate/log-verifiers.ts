import "server-only";
import type { Db, Tx } from "@/lib/db";
import { listPublishedLogKeys } from "../checkpoints/log-keys";
import { parseVerifierKey, type NoteVerifier } from "../checkpoints/signed-note";

/** Every key the log ever signed with, as note verifiers: an old checkpoint stays verifiable after a rotation. */
export async function logVerifiers(db: Db | Tx): Promise<NoteVerifier[]> {
  return (await listPublishedLogKeys(db)).map((key) => parseVerifierKey(key.verifierKey));
}
