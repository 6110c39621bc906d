import "server-only";
import type { OrgContext } from "@/lib/context";
import type { Db, Tx } from "@/lib/db/client";
import { findRecording } from "./find-recording";
import { ZRedactedWord, type TRecordingDetail } from "./recording-schemas";
import { recordingView, validationView } from "./recording-view";
import { z } from "zod";

const ZStoredTranscript = z.object({ words: z.array(ZRedactedWord) });

/**
 * One recording: its status, the redacted transcript (null until redaction validated) and the validation on record
 * (the last run's, passed or failed). Another organization's id is a 404.
 */
export async function getRecording(db: Db | Tx, ctx: OrgContext, { id }: { id: string }): Promise<TRecordingDetail> {
  const row = await findRecording(db, ctx, id);
  const validation = row.lastValidationId
    ? await db.recordingValidation.findFirst({ where: { id: row.lastValidationId, orgId: ctx.org.id } })
    : null;
  const transcript = row.status === "redacted" ? ZStoredTranscript.safeParse(row.redactedTranscript) : null;
  return {
    ...recordingView(row),
    redactedTranscript: transcript?.success ? transcript.data : null,
    validation: validation ? validationView(validation) : null,
  };
}
