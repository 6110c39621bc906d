import { SearchSyntaxError } from "./search-syntax-error";

/**
 * `created:` values: `2026-11-01` (that whole UTC day), a timestamp (`2026-11-01T13:28:18Z`,
 * `2026-11-01T13:28:18.123456+02:00`; UTC when no offset is given), `>=`, `<=`, `>`, `<` before one,
 * or a range `a..b` (inclusive; `*` leaves a side open). Everything becomes one half-open interval
 * [since, until) of microsecond instants, the precision PostgreSQL stores, so `<=` a timestamp
 * still includes an entry written in that very microsecond.
 */
export type CreatedRange = { since: string | null; until: string | null };

type Instant = { start: bigint; end: bigint };

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?([Zz]|[+-]\d{2}:\d{2})?)?$/;
const DAY_MICROS = 86_400_000_000n;
const FIRST_YEAR = 1970;
const LAST_YEAR = 9998;

/** UTC, six fractional digits: what `::timestamptz` reads back exactly. */
function formatInstant(micros: bigint): string {
  const fraction = (micros % 1_000_000n).toString().padStart(6, "0");
  return new Date(Number(micros / 1000n)).toISOString().replace(/\.\d{3}Z$/, `.${fraction}Z`);
}

function parseInstant(text: string, position: number): Instant {
  const fail = (message: string) => new SearchSyntaxError(message, position + 1, Math.max(text.length, 1));
  const malformed = (what: string) =>
    fail(
      `${what} "${text}" at position ${position + 1}. Use a date (2026-11-01) or a timestamp (2026-11-01T13:28:18Z)`,
    );
  if (text === "") throw fail(`Missing date at position ${position + 1}`);
  const match = INSTANT.exec(text);
  if (!match) throw malformed("Malformed date");
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  const [y, mo, d, h, mi, s] = [year, month, day, hour ?? "0", minute ?? "0", second ?? "0"].map(Number);
  const midnight = Date.UTC(y, mo - 1, d);
  if (mo < 1 || mo > 12 || new Date(midnight).getUTCDate() !== d || h > 23 || mi > 59 || s > 59) {
    throw malformed("No such date or time");
  }
  if (y < FIRST_YEAR || y > LAST_YEAR) {
    throw fail(`The date "${text}" at position ${position + 1} is out of range: years ${FIRST_YEAR} to ${LAST_YEAR}`);
  }
  let offsetMinutes = 0;
  if (zone && zone.toUpperCase() !== "Z") {
    const [offsetHours, offsetMins] = zone.slice(1).split(":").map(Number);
    if (offsetHours > 23 || offsetMins > 59) throw malformed("No such time zone offset in");
    offsetMinutes = (zone[0] === "-" ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  const millis = Date.UTC(y, mo - 1, d, h, mi, s) - offsetMinutes * 60_000;
  const start = BigInt(millis) * 1000n + BigInt((fraction ?? "").padEnd(6, "0"));
  return { start, end: hour === undefined ? start + DAY_MICROS : start + 1n };
}

/** `value` as written after `created:`; `position` is the 0-based offset of its first character. */
export function parseCreated(value: string, position: number): CreatedRange {
  const comparison = /^(>=|<=|>|<)/.exec(value);
  if (comparison) {
    const operator = comparison[1];
    const instant = parseInstant(value.slice(operator.length), position + operator.length);
    const bound = formatInstant(operator === ">=" || operator === "<" ? instant.start : instant.end);
    return operator.startsWith(">") ? { since: bound, until: null } : { since: null, until: bound };
  }

  const dots = value.indexOf("..");
  if (dots === -1) {
    const instant = parseInstant(value, position);
    return { since: formatInstant(instant.start), until: formatInstant(instant.end) };
  }
  const [left, right] = [value.slice(0, dots), value.slice(dots + 2)];
  if (left === "*" && right === "*") {
    throw new SearchSyntaxError(
      `The range at position ${position + 1} needs a date on at least one side`,
      position + 1,
      value.length,
    );
  }
  const since = left === "*" ? null : parseInstant(left, position).start;
  const until = right === "*" ? null : parseInstant(right, position + dots + 2).end;
  if (since !== null && until !== null && since >= until) {
    throw new SearchSyntaxError(
      `The range "${value}" at position ${position + 1} starts after it ends`,
      position + 1,
      value.length,
    );
  }
  return { since: since === null ? null : formatInstant(since), until: until === null ? null : formatInstant(until) };
}
