import "server-only";
import type { NoteVerifier } from "@/lib/audit/checkpoints/signed-note";
import { logVerifiers } from "@/lib/audit/integrate/log-verifiers";
import type { Db } from "@/lib/db/client";

/**
 * The keys a segment's checkpoint must be signed by: the log's verifiers (lib/audit/integrate/log-verifiers.ts).
 * One place, so that archive verification trusts exactly the keys the rest of verification trusts.
 */
export async function archiveVerifiers(db: Db): Promise<NoteVerifier[]> {
  return logVerifiers(db);
}
