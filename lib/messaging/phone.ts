import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";

export type { CountryCode };
export type ParsedPhone = { e164: string; country: string; nationalNumber: string };

/**
 * A valid phone number in E.164 with its country, or null. Uses the full metadata ("max"), so a number is
 * valid only when its digits fit a real numbering plan, not merely its length. A national-format input needs
 * `defaultCountry`; "+…" inputs carry their own.
 */
export function parsePhone(input: string, defaultCountry?: CountryCode): ParsedPhone | null {
  if (typeof input !== "string" || input.length > 64) return null;
  const parsed = parsePhoneNumberFromString(input.trim(), defaultCountry);
  if (!parsed || !parsed.isValid() || !parsed.country) return null;
  return { e164: parsed.number, country: parsed.country, nationalNumber: parsed.nationalNumber };
}
