import { z } from "zod";

/**
 * An organization's security policy. Session limits can only be tightened below the defaults
 * (30 minutes idle, 12 hours absolute): a laxer org must never lengthen a session that a stricter
 * org of the same person shortened.
 */
export const ZSecurityPolicy = z
  .object({
    requireMfa: z.boolean(),
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
