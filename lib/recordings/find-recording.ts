import "server-only";
import type { OrgContext } from "@/lib/context";
import type { Db, Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";

export const recordingNotFound = () => new AppError("not_found", "There is no such recording.");

/** The organization's recording, or a 404 (another organization's id included: no enumeration). */
export async function findRecording(db: Db | Tx, ctx: Pick<OrgContext, "org">, id: string) {
  const recording = await db.recording.findFirst({ where: { id, orgId: ctx.org.id } });
  if (!recording) throw recordingNotFound();
  return recording;
}
