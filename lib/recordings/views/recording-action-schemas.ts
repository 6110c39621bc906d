import { z } from "zod";

/** Play: a time-limited URL to one recording's redacted audio. */
export const ZIssueRecordingUrl = z.strictObject({ recordingId: z.uuid("Not a recording id.") });

/**
 * Delete every recording of one source. `expectedCount` is the count the confirmation named: when more have
 * arrived since, the deletion is refused rather than removing recordings the manager never saw counted.
 */
export const ZDeleteRecordingsFromSource = z.strictObject({
  source: z.string().trim().min(1, "Pick a source.").max(200),
  expectedCount: z.number().int().min(0).max(10_000_000),
});

/** Start a bulk re-redaction, optionally of the recordings uploaded since a moment. */
export const ZStartBulkRedaction = z.strictObject({ since: z.iso.datetime().optional() });

/** Retry a failed redaction, or destroy a recording (after the screen's confirmation): one recording by id. */
export const ZRecordingAdminAction = z.strictObject({ recordingId: z.uuid("Not a recording id.") });
