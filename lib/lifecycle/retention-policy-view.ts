import { z } from "zod";

/**
 * An organization's audit-trail retention, as the services, the screen and the API show it. Pure (no server
 * code), so the settings form reads the same bounds and wording the server validates with.
 */

/** A year, in days, rounded up so that "7 years" always covers seven calendar years, leap days included. */
export const DAYS_PER_YEAR = 365.25;
export const yearsToDays = (years: number) => Math.ceil(years * DAYS_PER_YEAR);

export const MIN_RETENTION_YEARS = 1;
export const MAX_RETENTION_YEARS = 100;
export const MIN_RETENTION_DAYS = yearsToDays(MIN_RETENTION_YEARS);
export const MIN_HOT_WINDOW_DAYS = 30;
/** Beyond ten years in PostgreSQL the archive has stopped doing its job: a bound, not a recommendation. */
export const MAX_HOT_WINDOW_DAYS = 3653;

/** The product's standard: seven years, the last 400 days of it searchable in PostgreSQL. */
export const DEFAULT_RETENTION_YEARS = 7;
export const DEFAULT_RETENTION_POLICY = { retentionDays: yearsToDays(DEFAULT_RETENTION_YEARS), hotWindowDays: 400 };

/** A policy in days, within the bounds (the form's years are converted before this); the services parse it again. */
export const ZRetentionPolicy = z
  .object({
    retentionDays: z
      .number()
      .int()
      .min(MIN_RETENTION_DAYS)
      .max(yearsToDays(MAX_RETENTION_YEARS))
      .nullable()
      .describe("How long an entry is kept from when it occurred, in days; null: kept forever."),
    hotWindowDays: z
      .number()
      .int()
      .min(MIN_HOT_WINDOW_DAYS)
      .max(MAX_HOT_WINDOW_DAYS)
      .describe("How long an entry stays in PostgreSQL (searchable at once) before it moves to the archive, in days."),
  })
  .strict()
  .refine((policy) => policy.retentionDays === null || policy.hotWindowDays <= policy.retentionDays, {
    path: ["hotWindowDays"],
    message: "The hot window cannot be longer than the retention: entries must reach the archive before they expire.",
  });
export type TRetentionPolicy = z.infer<typeof ZRetentionPolicy>;

/** "" and absent fields are "not given" (a form's empty number field), not zero. */
const blankAsMissing = (value: unknown) => (value === "" || value === null ? undefined : value);

/**
 * What an owner sends: keep forever, or a number of whole years (1 to 100); and the hot window in days. The
 * answer is the policy in days, with each refusal on the field that caused it, worded for the form.
 */
export const ZUpdateRetentionPolicy = z
  .object({
    keepForever: z.boolean(),
    retentionYears: z.preprocess(
      blankAsMissing,
      z.coerce
        .number({ error: "Enter a number of years." })
        .int("Enter whole years.")
        .min(MIN_RETENTION_YEARS, "At least 1 year: the audit trail is never kept for less.")
        .max(MAX_RETENTION_YEARS, `At most ${MAX_RETENTION_YEARS} years; choose "keep forever" for longer.`)
        .optional(),
    ),
    hotWindowDays: z.preprocess(
      blankAsMissing,
      z.coerce
        .number({ error: "Enter a number of days." })
        .int("Enter whole days.")
        .min(MIN_HOT_WINDOW_DAYS, `At least ${MIN_HOT_WINDOW_DAYS} days.`)
        .max(MAX_HOT_WINDOW_DAYS, `At most ${MAX_HOT_WINDOW_DAYS} days (10 years).`),
    ),
  })
  .strict()
  .superRefine((input, issues) => {
    if (input.keepForever) return;
    if (input.retentionYears === undefined) {
      issues.addIssue({
        code: "custom",
        path: ["retentionYears"],
        message: 'Enter a number of years, or choose "keep forever".',
      });
    } else if (input.hotWindowDays > yearsToDays(input.retentionYears)) {
      issues.addIssue({
        code: "custom",
        path: ["hotWindowDays"],
        message:
          `At most the retention itself (${yearsToDays(input.retentionYears)} days): ` +
          "entries must reach the archive before they expire.",
      });
    }
  })
  .transform((input): TRetentionPolicy => ({
    retentionDays: input.keepForever ? null : yearsToDays(input.retentionYears!),
    hotWindowDays: input.hotWindowDays,
  }));
export type TUpdateRetentionPolicy = z.input<typeof ZUpdateRetentionPolicy>;

/** "7 years" for a retention set in years, "2557 days" otherwise, "forever" for null. */
export function describeRetention(retentionDays: number | null): string {
  if (retentionDays === null) return "forever";
  const years = Math.round(retentionDays / DAYS_PER_YEAR);
  if (yearsToDays(years) === retentionDays) return years === 1 ? "1 year" : `${years} years`;
  return `${retentionDays} days`;
}
