import { z } from "zod";

/**
 * An organization's security policy. Session limits can only be tightened below the defaults
 * (30 minutes idle, 12 hours absolute): a laxer org must never lengthen a session that a stricter
 * org of the same person shortened.
 */
/** The grace periods offered when the second-factor requirement is turned on. */
export const MFA_GRACE_DAYS: readonly number[] = [0, 1, 3, 7, 14, 30];

export const ZSecurityPolicy = z
  .object({
    requireMfa: z.boolean(),
    /** Days members without a second factor keep access once the requirement is turned on (0: at once). */
    mfaGraceDays: z.coerce
      .number({ error: "Choose a grace period." })
      .int()
      .refine((days) => MFA_GRACE_DAYS.includes(days), "Choose a grace period from the list.")
      .optional(),
    sessionIdleMinutes: z.coerce
      .number({ error: "Enter a number of minutes." })
      .int("Enter whole minutes.")
      .min(5, "At least 5 minutes.")
      .max(30, "At most 30 minutes."),
    sessionAbsoluteHours: z.coerce
      .number({ error: "Enter a number of hours." })
      .int("Enter whole hours.")
      .min(1, "At least 1 hour.")
      .max(12, "At most 12 hours."),
  })
  .strict();
export type TSecurityPolicy = z.infer<typeof ZSecurityPolicy>;
