import { z } from "zod";

/**
 * What a Do Not Contact CSV import answers (REST) or ends its progress stream with (the panel). Good rows are
 * kept and bad ones are reported by line: a list of a million numbers with a few typos still protects the other
 * numbers at once, and the report says which lines to fix and send again (re-importing is harmless: a number
 * already on the list is counted, not duplicated).
 */
export const DNC_REJECTIONS = {
  missing_phone: "no phone number in the phone column",
  invalid_phone: "not a valid phone number",
  too_long: "reason or source longer than allowed (500 and 100 characters)",
  unreadable: "text that cannot be stored (control characters or broken encoding)",
  malformed_csv: "not a well-formed CSV record (an unclosed quote, or a stray one)",
} as const;
export type DncRejection = keyof typeof DNC_REJECTIONS;

/** At most this many bad lines are listed in the report; all of them are counted. */
export const MAX_REPORTED_LINES = 1000;

export const ZDncImportReport = z
  .object({
    /** Data rows read (the header line is not one). */
    rows: z.number().int().nonnegative(),
    added: z.number().int().nonnegative(),
    /** Valid numbers already on the list, or repeated in the file. */
    duplicates: z.number().int().nonnegative(),
    rejected: z.number().int().nonnegative(),
    /** Scheduled messages to the imported numbers that were cancelled. */
    cancelledMessages: z.number().int().nonnegative(),
    errors: z.array(
      z
        .object({ line: z.number().int().positive(), code: z.enum(Object.keys(DNC_REJECTIONS) as [DncRejection]) })
        .strict(),
    ),
    /** true when more lines were rejected than the report lists. */
    errorsTruncated: z.boolean(),
  })
  .strict();
export type DncImportReport = z.infer<typeof ZDncImportReport>;

/** A line of the panel's import stream (application/x-ndjson). */
export type DncImportStreamLine =
  | { type: "progress"; rows: number; added: number; duplicates: number; rejected: number }
  | { type: "done"; report: DncImportReport }
  | { type: "error"; detail: string };

export function describeRejection(code: DncRejection): string {
  return DNC_REJECTIONS[code];
}
