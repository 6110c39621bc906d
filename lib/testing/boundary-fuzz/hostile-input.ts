import fc from "fast-check";

/**
 * What a hostile or careless client sends: the arbitraries of the boundary fuzz test. Strings mix
 * ordinary text with the characters that have broken parsers and databases (NUL, lone surrogates,
 * control characters, bidi overrides, byte-order marks, the last code points of each plane); JSON
 * values mix those strings with odd keys, extreme numbers and nesting far past any sane depth.
 */

/** JSON text placed verbatim where a value would go: numbers JSON.stringify cannot write (1e400), nesting it would overflow on. */
export class RawJson {
  constructor(readonly text: string) {}
  toString() {
    return this.text.length > 80
      ? `RawJson(${this.text.slice(0, 40)}… ${this.text.length} chars)`
      : `RawJson(${this.text})`;
  }
}

const SPECIAL_CHARS = [
  "\u0000",
  "\u0001",
  "\u0008",
  "\t",
  "\n",
  "\r",
  "\u001b",
  "\u007f",
  "\u0085",
  "\u00a0",
  "\u00ff",
  "\ud800",
  "\udbff",
  "\udc00",
  "\udfff",
  "\ud83d\ude00",
  "\ud83d",
  "\ude00",
  "\u200b",
  "\u200d",
  "\u200e",
  "\u200f",
  "\u202a",
  "\u202e",
  "\u2066",
  "\u2069",
  "\u2028",
  "\u2029",
  "\ufeff",
  "\ufffd",
  "\ufffe",
  "\uffff",
  "\u{10ffff}",
  "\u0301",
  "İ",
  "ß",
  "ﬃ",
  "Ω",
  "%00",
  "%",
  "\\",
  '"',
  "'",
  "`",
  "*",
  "_",
  "..",
  "/",
  "<",
  ">",
  "&",
  "$",
  "{",
  "}",
  ":",
  ",",
  "=",
  ";",
  "-",
];

/** One "character": any code point, a lone surrogate half, or one of the special characters above. */
const hostileChar = fc.oneof(
  { arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }), weight: 3 },
  { arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)), weight: 1 },
  { arbitrary: fc.constantFrom(...SPECIAL_CHARS), weight: 3 },
  { arbitrary: fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 1 }), weight: 3 },
);

const MEANINGFUL_STRINGS = [
  "",
  " ",
  "null",
  "undefined",
  "true",
  "NaN",
  "Infinity",
  "-1",
  "0",
  "-0",
  "1e309",
  "0x10",
  "1.5",
  "9007199254740993",
  "9223372036854775807",
  "9223372036854775808",
  "-9223372036854775809",
  "00000000-0000-0000-0000-000000000000",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "'; DROP TABLE audit_entries; --",
  "\\x00",
  "${7*7}",
  "{{7*7}}",
  "<script>alert(1)</script>",
  "javascript:alert(1)",
  "../../../../etc/passwd",
  "%2e%2e%2f",
  "=cmd|'/c calc'!A1",
  "@SUM(1+1)",
  "action:*",
  '"unclosed',
  "a..b",
  "*",
  "https://169.254.169.254/latest/meta-data/",
  "http://127.0.0.1/",
  "https://[::1]/",
  "https://hooks.example.com/\u0000",
  "custom.*",
  "member.*",
  "pm_card_visa",
  "4242424242424242",
  "203.0.113.0/24",
  "::/0",
  "0.0.0.0/0",
  "2026-11-24T00:00:00Z",
  "2026-02-30T25:61:61Z",
  "9999-12-31T23:59:59.999999999+14:00",
];

/** Text up to `maxLength` characters, leaning on the characters that break things. */
export const hostileString = (maxLength = 40) =>
  fc.oneof(
    { arbitrary: fc.string({ unit: hostileChar, maxLength }), weight: 6 },
    { arbitrary: fc.constantFrom(...MEANINGFUL_STRINGS), weight: 3 },
    {
      arbitrary: fc.tuple(fc.constantFrom(...MEANINGFUL_STRINGS), hostileChar).map(([text, char]) => text + char),
      weight: 2,
    },
    // Past every length limit (64 KB bodies, 2,000-character URLs, 100-character names).
    {
      arbitrary: fc
        .tuple(hostileChar, fc.integer({ min: 101, max: 70_000 }))
        .map(([char, times]) => char.repeat(times)),
      weight: 1,
    },
  );

/** A plausible value with a hostile character slipped in: gets past every other check to reach the database. */
export const taintedString = (plausible: string) =>
  fc
    .tuple(
      fc.nat({ max: plausible.length }),
      fc.constantFrom("\u0000", "\ud800", "\udc00", "\u202e", "\u0001", "\ufeff", "\u2028", "%00", "'"),
      fc.boolean(),
    )
    .map(([at, char, replace]) => plausible.slice(0, at) + char + plausible.slice(replace ? at + 1 : at));

/** `[[[…]]]` or `{"a":{"a":…}}` `depth` levels deep, written as text (no recursion builds or prints it). */
export function deepJsonText(depth: number, kind: "array" | "object"): string {
  return kind === "array"
    ? `${"[".repeat(depth)}${"]".repeat(depth)}`
    : `${'{"a":'.repeat(depth)}null${"}".repeat(depth)}`;
}

/** The same nesting as a JavaScript value (for server actions), built iteratively. */
export function deepValue(depth: number, kind: "array" | "object"): unknown {
  let value: unknown = null;
  for (let level = 0; level < depth; level++) value = kind === "array" ? [value] : { a: value };
  return value;
}

const extremeNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -0, 1, -1, 2 ** 31, 2 ** 53, 2 ** 53 + 2, -(2 ** 63), 1e21, 5e-324, Number.MAX_VALUE, 0.1 + 0.2),
  fc
    .constantFrom(
      "1e400",
      "-1e400",
      "9223372036854775807",
      "18446744073709551616",
      "123456789012345678901234567890",
      "1E-400",
      "-0.0",
    )
    .map((text) => new RawJson(text)),
);

const deepNesting = fc
  .tuple(
    fc.oneof(fc.integer({ min: 30, max: 40 }), fc.integer({ min: 1_000, max: 40_000 })),
    fc.constantFrom("array" as const, "object" as const),
  )
  .map(([depth, kind]) => new RawJson(deepJsonText(depth, kind)));

const hostileKey = fc.oneof(
  hostileString(12),
  fc.constantFrom("__proto__", "constructor", "prototype", "", "a.b", "0", "$where"),
);

/** Any JSON value, built from hostile strings and keys, extreme numbers and deep nesting. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    { arbitrary: hostileString(), weight: 6 },
    { arbitrary: extremeNumber, weight: 2 },
    { arbitrary: fc.constantFrom(true, false, null), weight: 2 },
    { arbitrary: fc.array(tie("value"), { maxLength: 5 }), weight: 2 },
    { arbitrary: fc.dictionary(hostileKey, tie("value"), { maxKeys: 5 }), weight: 2 },
    { arbitrary: fc.array(fc.constant("x"), { minLength: 1_000, maxLength: 5_000 }), weight: 1 },
    { arbitrary: deepNesting, weight: 1 },
  ),
})).value;

/**
 * The request's JSON text, with each RawJson written verbatim in its place. JSON.stringify would
 * drop an own "__proto__" key made by a plain object literal, so objects are written by hand.
 */
export function jsonTextOf(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value))
    return `[${value.map((item) => (item === undefined ? "null" : jsonTextOf(item))).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const fields = Object.entries(value).filter(([, item]) => item !== undefined);
    return `{${fields.map(([key, item]) => `${JSON.stringify(key)}:${jsonTextOf(item)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** What a server action receives for the same value: React hands it the decoded value, so raw JSON is decoded. */
export function actionValueOf(value: unknown): unknown {
  if (value instanceof RawJson) {
    const deep = /^(\[+|(\{"a":)+)/.exec(value.text);
    if (deep)
      return deepValue(
        value.text.startsWith("[") ? deep[0].length : deep[0].length / 5,
        value.text.startsWith("[") ? "array" : "object",
      );
    return JSON.parse(value.text);
  }
  if (Array.isArray(value)) return value.map(actionValueOf);
  if (value !== null && typeof value === "object") {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value))
      Object.defineProperty(copy, key, {
        value: actionValueOf(item),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return copy;
  }
  return value;
}

/** Values a server action may receive that JSON cannot carry (React's wire format can). */
export const actionOnlyValue = fc.constantFrom<unknown>(
  undefined,
  1n,
  new Date(Number.NaN),
  new Date(0),
  new Map([["a", "\u0000"]]),
  new Set(["\ud800"]),
  Number.NaN,
  Number.POSITIVE_INFINITY,
);
