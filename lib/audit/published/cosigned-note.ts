import "server-only";
import type { Db, Tx } from "@/lib/db/client";
import type { StoredCheckpoint } from "../integrate/last-checkpoint";
import { listCosignatures } from "../witness/stored-cosignatures";

/**
 * The checkpoint's signed note as it leaves Verity: the log's signature line, then every witness cosignature
 * stored for it. A signed note may carry several signatures; a verifier that knows only the log's key ignores
 * the witnesses' lines, and one that knows a witness's key checks its line too.
 */
export async function cosignedNote(db: Db | Tx, orgId: string, checkpoint: Pick<StoredCheckpoint, "size" | "note">) {
  const cosignatures = await listCosignatures(db, orgId, checkpoint.size);
  return checkpoint.note + cosignatures.map((cosignature) => `${cosignature.line}\n`).join("");
}
