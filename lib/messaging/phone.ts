import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";

export type { CountryCode };
export type ParsedPhone = { e164: string; country: string; nationalNumber: string };

/** A North American number already written in E.164: "+1" and ten digits. */
const NANP_E164 = /^\+1\d{10}$/;
/**
 * The answer for each NANP area code and exchange (NPA-NXX: the first six national digits), which is what decides
 * a North American number's validity and country in the library's metadata (it is kept at NPA-NXX level, every
 * line number of an exchange alike; phone.test.ts checks this against the full parse). Parsing with the full
 * metadata costs tens of microseconds a number, which a million-row DNC import or a thousand gate decisions a
 * second cannot afford; there are at most 640,000 exchanges, and the map is cleared past CACHE_LIMIT.
 */
const nanpExchanges = new Map<string, { country: string } | null>();
const CACHE_LIMIT = 100_000;

function parseFully(input: string, defaultCountry?: CountryCode): ParsedPhone | null {
  const parsed = parsePhoneNumberFromString(input, defaultCountry);
  if (!parsed || !parsed.isValid() || !parsed.country) return null;
  return { e164: parsed.number, country: parsed.country, nationalNumber: parsed.nationalNumber };
}

/**
 * A valid phone number in E.164 with its country, or null. Uses the full metadata ("max"), so a number is
 * valid only when its digits fit a real numbering plan, not merely its length. A national-format input needs
 * `defaultCountry`; "+…" inputs carry their own.
 */
export function parsePhone(input: string, defaultCountry?: CountryCode): ParsedPhone | null {
  if (typeof input !== "string" || input.length > 64) return null;
  const text = input.trim();
  if (!NANP_E164.test(text)) return parseFully(text, defaultCountry);
  const exchange = text.slice(2, 8);
  const known = nanpExchanges.get(exchange);
  if (known === undefined) {
    const parsed = parseFully(text);
    if (nanpExchanges.size >= CACHE_LIMIT) nanpExchanges.clear();
    nanpExchanges.set(exchange, parsed ? { country: parsed.country } : null);
    return parsed;
  }
  return known ? { e164: text, country: known.country, nationalNumber: text.slice(2) } : null;
}

/** parsePhone without the exchange cache (for the test that holds the cache to the full parse). */
export const parsePhoneUncached = (input: string, defaultCountry?: CountryCode) =>
  typeof input !== "string" || input.length > 64 ? null : parseFully(input.trim(), defaultCountry);
