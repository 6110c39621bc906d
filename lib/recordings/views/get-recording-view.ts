import "server-only";
import type { OrgContext } from "@/lib/context";
import type { Db, Tx } from "@/lib/db/client";
import { RECORDING_ROW_SELECT, recordingRow } from "./recording-row";
import type { TRecordingDetail } from "./recording-view-schemas";
import { transcriptView } from "./transcript-view";
import { validationView } from "./validation-view";

/**
 * One recording of the organization for the detail screen, or null (another organization's recording is
 * unknown here: the page answers 404). The transcript shown is only ever the redacted one.
 */
export async function getRecordingView(
  db: Db | Tx,
  ctx: Pick<OrgContext, "org">,
  id: string,
): Promise<TRecordingDetail | null> {
  const row = await db.recording.findFirst({
    where: { id, orgId: ctx.org.id },
    select: {
      ...RECORDING_ROW_SELECT,
      sampleRate: true,
      channels: true,
      bitsPerSample: true,
      failureReason: true,
      redactedTranscript: true,
      lastValidationId: true,
      _count: { select: { validations: true } },
    },
  });
  if (!row) return null;
  const validation = await db.recordingValidation.findFirst({
    where: { orgId: ctx.org.id, recordingId: row.id, ...(row.lastValidationId ? { id: row.lastValidationId } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
  });
  const redacted = row.status === "redacted";
  return {
    ...recordingRow(row),
    sampleRate: row.sampleRate,
    channels: row.channels,
    bitsPerSample: row.bitsPerSample,
    failureReason: row.failureReason,
    // A locked (failed) or unfinished recording shows no transcript: only a validated one is safe to read.
    transcript: redacted ? transcriptView(row.redactedTranscript) : null,
    validation: validation ? validationView(validation) : null,
    validationCount: row._count.validations,
  };
}
