import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { timezones } from "libphonenumber-geo-carrier";
import { sameClock, STRADDLING_AREA_CODES } from "./us-zones";

/** More candidate zones than this from the phone library means a non-geographic number (toll-free, 500, …). */
const MAX_AREA_CODE_ZONES = 4;

/**
 * How many leading digits of the E.164 number decide the phone library's answer (its longest prefix key):
 * 7 for NANP ("1" + area code + exchange), at most 9 elsewhere. area-code-zones.test.ts checks these against
 * the library's data file, so an upgrade that lengthens a key fails a test instead of caching a wrong answer.
 */
export const PREFIX_DIGITS: Record<string, number> = { "1": 7 };
export const MAX_PREFIX_DIGITS = 9;
const CACHE_LIMIT = 100_000;

/**
 * Answers per number prefix. The library reads and decodes its 100 KB data file on every call (5–20 ms here),
 * so each prefix is asked once; the promise is cached so concurrent checks share one read.
 */
const cache = new Map<string, Promise<string[] | null>>();

function libraryZones(digits: string, countryCallingCode: string, ask: () => Promise<string[] | null>) {
  const prefix = digits.slice(0, PREFIX_DIGITS[countryCallingCode] ?? MAX_PREFIX_DIGITS);
  let answer = cache.get(prefix);
  if (!answer) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    answer = ask();
    cache.set(prefix, answer);
    answer.catch(() => cache.delete(prefix));
  }
  return answer;
}

/**
 * The zones a number's area code (and exchange) lies in, as representative clocks, or [] for an invalid or
 * non-geographic number. Area codes that straddle a zone line add both sides (us-zones.ts).
 */
export async function areaCodeZones(e164: string): Promise<string[]> {
  const phone = parsePhoneNumberFromString(e164);
  if (!phone || !phone.isValid()) return [];
  const digits = phone.number.replace(/^\+/, "");
  const found = (await libraryZones(digits, phone.countryCallingCode, () => timezones(phone))) ?? [];
  if (found.length === 0 || found.length > MAX_AREA_CODE_ZONES) return [];
  const straddles =
    phone.countryCallingCode === "1" ? (STRADDLING_AREA_CODES[phone.nationalNumber.slice(0, 3)] ?? []) : [];
  return [...new Set([...found.map(sameClock), ...straddles])];
}
