import canonicalize from "canonicalize";
import { describe, expect, it } from "vitest";
import { prepareAuditEntry } from "./append-audit-entry";
import { canonicalParsedJson, contentHashOf, formatMicros, nowMicros } from "./entry-content";

/** A deterministic generator of values of every JSON shape (and of what code may build: undefined, Dates). */
function* values(seed: number, count: number): Generator<unknown> {
  let state = seed;
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const strings = ["", "a", "é", "€", "😀", '\u0000\u001f"\\/', "line\nbreak", "ｚ", "\u2028", "Z", "10", "1"];
  const numbers = [0, -0, 1, -1, 0.1, 1e21, 1e-7, 5e-324, 1.7976931348623157e308, 123456789012345680000, 333.3333];
  const value = (depth: number): unknown => {
    const pick = Math.floor(next() * (depth > 3 ? 5 : 9));
    if (pick === 0) return null;
    if (pick === 1) return next() < 0.5;
    if (pick === 2) return numbers[Math.floor(next() * numbers.length)];
    if (pick === 3) return strings[Math.floor(next() * strings.length)];
    if (pick === 4) return undefined;
    if (pick === 5) return new Date(Math.floor(next() * 2e12));
    if (pick === 6) return Array.from({ length: Math.floor(next() * 4) }, () => value(depth + 1));
    const record: Record<string, unknown> = {};
    for (let i = Math.floor(next() * 5); i > 0; i--)
      record[strings[Math.floor(next() * strings.length)]] = value(depth + 1);
    return record;
  };
  for (let i = 0; i < count; i++) yield { root: value(0) };
}

describe("the fast RFC 8785 path (canonicalParsedJson)", () => {
  it("writes exactly what canonicalize writes, for 2,000 values of every shape", () => {
    for (const value of values(7, 2_000)) expect(canonicalParsedJson(value)).toBe(canonicalize(value));
  });

  it("sorts keys by UTF-16 code units and writes numbers as ECMAScript does (RFC 8785 §3.2.3, §3.2.2.3)", () => {
    const value = { "\u20ac": 1, "\r": 2, "\ud83d\ude00": 3, "\u0080": 4, "1": 5, "\u00f6": 6, big: 1e21, small: 1e-7 };
    expect(canonicalParsedJson(value)).toBe(
      '{"\\r":2,"1":5,"big":1e+21,"small":1e-7,"\u0080":4,"\u00f6":6,"\u20ac":1,"\ud83d\ude00":3}',
    );
  });

  it("refuses what canonicalize refuses: a lone surrogate, NaN and Infinity", () => {
    for (const bad of [{ note: "\ud800" }, { ["\udc00"]: 1 }, [Number.NaN], { n: Number.POSITIVE_INFINITY }]) {
      expect(() => canonicalize(bad)).toThrow();
      expect(() => canonicalParsedJson(bad)).toThrow();
    }
  });
});

describe("prepareAuditEntry", () => {
  it("hashes the content as the reference canonicalization does, whatever the event carries", () => {
    const prepared = prepareAuditEntry({
      orgId: "00000000-0000-4000-8000-000000000001",
      action: "custom.wallet.transfer",
      actor: { type: "api_key", id: "k_1", display: "Payments" },
      target: { type: "wallet", id: null, display: "Ünïcode ✓" },
      metadata: {
        amount: 12.5,
        when: new Date(0),
        list: [1, undefined, "x"],
        skipped: undefined,
        nested: { z: 1, a: [] },
      },
      context: { ip: "::1", userAgent: null, geo: { country: "SE", region: null, city: null }, requestId: "r_1" },
    });
    expect(prepared.contentHash).toBe(contentHashOf(prepared.content));
    expect(prepared.content.metadata).toEqual({
      amount: 12.5,
      when: "1970-01-01T00:00:00.000Z",
      list: [1, null, "x"],
      nested: { z: 1, a: [] },
    });
  });
});

describe("times to the microsecond", () => {
  it("formats a count of microseconds as stored, and now as the clock reads it", () => {
    expect(formatMicros(1_796_694_224_355_123n)).toBe("2026-12-08T01:43:44.355123Z");
    expect(formatMicros(1_796_694_224_000_007n)).toBe("2026-12-08T01:43:44.000007Z");
    const before = Date.now();
    const now = nowMicros();
    expect(now).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(Math.abs(Date.parse(now) - before)).toBeLessThanOrEqual(1_000);
    expect(now.slice(20, 23)).toBe(new Date(Date.parse(now)).toISOString().slice(20, 23));
  });
});
