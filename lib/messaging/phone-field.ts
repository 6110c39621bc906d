import { z } from "zod";
import { parsePhone } from "./phone";

/**
 * A phone number at a boundary: any form libphonenumber reads (national numbers as US), stored and answered in
 * E.164. A number that fits no real numbering plan is a 400 naming the field.
 */
export const ZPhoneNumber = z
  .string()
  .trim()
  .min(1, "Give a phone number.")
  .max(64)
  .transform((value, ctx) => {
    const parsed = parsePhone(value, "US");
    if (parsed) return parsed.e164;
    ctx.addIssue({ code: "custom", message: "Not a valid phone number (E.164, for example +14155550123)." });
    return z.NEVER;
  })
  .describe("A phone number, E.164 (+14155550123) or a US national number; answered in E.164.");
