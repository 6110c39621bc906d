import "server-only";
import { randomUUID } from "node:crypto";
import { appendAuditEntry, SYSTEM_ACTOR } from "@/lib/audit/append-audit-entry";
import { raiseSecurityAlert } from "@/lib/audit/security-alerts/raise-security-alert";
import type { Db } from "@/lib/db/client";
import { Prisma, type Recording } from "@/lib/db/generated/client";
import { recordingTarget } from "../recording-target";
import type { RedactionStage } from "./redaction-failure";

/** What one run established, for the validation on record (times and counts only, never words). */
export type RedactionRecord = {
  passed: boolean;
  layer1Spans: number;
  layer2Spans: number;
  silencedSpans: number;
  audioSha256: string | null;
  transcriptSha256: string | null;
  detectorVersions: Record<string, string>;
  report: Record<string, unknown>;
  failure?: { stage: RedactionStage; reason: string };
  /** The new objects, when the run got as far as storing them (they replace the recording's). */
  replacement?: { audioKey: string; transcriptKey: string; words: unknown };
  bulkJobId?: string;
};

/**
 * The run's outcome in one transaction: the validation row, the recording's new state (redacted, or failed and
 * locked) and its audit entry, plus a security alert on failure. Compare-and-set on the audio key the run read:
 * when another run replaced it meanwhile, nothing is written and null is answered (the caller destroys its own
 * new objects).
 */
export async function recordRedaction(
  db: Db,
  recording: Recording,
  record: RedactionRecord,
  now: Date,
): Promise<{ validationId: string } | null> {
  const validationId = randomUUID();
  const { failure, replacement } = record;
  return db.$transaction(async (tx) => {
    const status = record.passed ? "redacted" : "failed";
    const changed = await tx.recording.updateMany({
      where: { id: recording.id, orgId: recording.orgId, audioObjectKey: recording.audioObjectKey },
      data: {
        status,
        lastValidationId: validationId,
        failureReason: failure ? failure.reason : null,
        ...(record.passed ? { redactedAt: now } : {}),
        ...(replacement
          ? {
              audioObjectKey: replacement.audioKey,
              transcriptObjectKey: replacement.transcriptKey,
              redactedTranscript: replacement.words as Prisma.InputJsonValue,
            }
          : {}),
      },
    });
    if (changed.count === 0) return null;
    await tx.recordingValidation.create({
      data: {
        id: validationId,
        orgId: recording.orgId,
        recordingId: recording.id,
        passed: record.passed,
        layer1Spans: record.layer1Spans,
        layer2Spans: record.layer2Spans,
        silencedSpans: record.silencedSpans,
        audioSha256: record.audioSha256,
        transcriptSha256: record.transcriptSha256,
        detectorVersions: record.detectorVersions,
        report: record.report as Prisma.InputJsonValue,
        createdAt: now,
      },
    });
    const counts = {
      layer1Spans: record.layer1Spans,
      layer2Spans: record.layer2Spans,
      silencedSpans: record.silencedSpans,
    };
    const job = record.bulkJobId ? { bulkJobId: record.bulkJobId } : {};
    const base = { orgId: recording.orgId, actor: SYSTEM_ACTOR, target: recordingTarget(recording) };
    if (record.passed) {
      await appendAuditEntry(tx, {
        ...base,
        action: "recording.redacted",
        metadata: {
          validationId,
          ...counts,
          audioSha256: record.audioSha256,
          transcriptSha256: record.transcriptSha256,
          detectorVersions: record.detectorVersions,
          ...job,
        },
      });
      return { validationId };
    }
    const stage = failure?.stage ?? "validation";
    const reason = failure?.reason ?? "The redaction did not validate";
    const entry = await appendAuditEntry(tx, {
      ...base,
      action: "recording.redaction_failed",
      outcome: "failure",
      metadata: { validationId, stage, reason, ...counts, detectorVersions: record.detectorVersions, ...job },
    });
    await raiseSecurityAlert(tx, {
      orgId: recording.orgId,
      kind: "recording_redaction_failed",
      subject: { type: "recording", id: recording.id, display: recording.title || recording.source },
      groupKey: `recording:${recording.id}`,
      entry: { actor: SYSTEM_ACTOR, target: base.target, metadata: { detail: `${stage}: ${reason}` } },
      evidenceEntryId: entry.id,
      now,
    });
    return { validationId };
  });
}
