import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/http/app-error";
import { parseAuditQuery } from "./parse-audit-query";
import { searchErrorSpan, SearchSyntaxError } from "./search-syntax-error";

const conditions = (text: string) => parseAuditQuery(text).terms.map(({ position: _p, length: _l, ...term }) => term);
const only = (text: string) => {
  const [term, ...rest] = conditions(text);
  expect(rest).toEqual([]);
  return term;
};

/** The error a search gets, with the position the screen underlines. */
function errorOf(text: string): SearchSyntaxError {
  try {
    parseAuditQuery(text);
  } catch (error) {
    expect(error).toBeInstanceOf(SearchSyntaxError);
    return error as SearchSyntaxError;
  }
  throw new Error(`"${text}" parsed without an error`);
}

describe("qualifiers", () => {
  it("action: exact, and a prefix with a trailing *", () => {
    expect(only("action:user.signed_in")).toEqual({
      field: "action",
      value: "user.signed_in",
      prefix: false,
      negated: false,
    });
    expect(only("action:member.*")).toEqual({ field: "action", value: "member.", prefix: true, negated: false });
    expect(only("action:User.Signed_In")).toMatchObject({ value: "user.signed_in" });
  });

  it("category: one of the catalog's categories", () => {
    expect(only("category:authentication")).toEqual({ field: "category", value: "authentication", negated: false });
    expect(only("category:API_KEYS")).toMatchObject({ value: "api_keys" });
  });

  it("actor: an email, a display name in quotes, an API key prefix, or an id", () => {
    expect(only("actor:ada@example.com")).toEqual({ field: "actor", value: "ada@example.com", negated: false });
    expect(only('actor:"Ada Lovelace"')).toMatchObject({ field: "actor", value: "Ada Lovelace" });
    expect(only("actor:vk_live_AbC1")).toMatchObject({ field: "actor", value: "vk_live_AbC1" });
  });

  it("target: a display or an id", () => {
    expect(only("target:9c8b7a65-4321-4fed-8cba-0987654321ab")).toEqual({
      field: "target",
      value: "9c8b7a65-4321-4fed-8cba-0987654321ab",
      negated: false,
    });
  });

  it("outcome: success, failure or denied", () => {
    expect(only("outcome:denied")).toEqual({ field: "outcome", value: "denied", negated: false });
    expect(only("outcome:FAILURE")).toMatchObject({ value: "failure" });
  });

  it("ip: an address is its own /32 or /128; a CIDR range loses its host bits", () => {
    expect(only("ip:203.0.113.7")).toEqual({ field: "ip", network: "203.0.113.7/32", negated: false });
    expect(only("ip:10.1.2.3/8")).toMatchObject({ network: "10.0.0.0/8" });
    expect(only("ip:2001:DB8::1")).toMatchObject({ network: "2001:db8::1/128" });
    expect(only("ip:2001:db8:abcd::/48")).toMatchObject({ network: "2001:db8:abcd::/48" });
    expect(only("ip:::ffff:203.0.113.7")).toMatchObject({ network: "::ffff:cb00:7107/128" });
  });

  it("country: two letters, upper-cased", () => {
    expect(only("country:gb")).toEqual({ field: "country", value: "GB", negated: false });
  });

  it("qualifier names are not case-sensitive", () => {
    expect(only("Outcome:success")).toMatchObject({ field: "outcome", value: "success" });
  });
});

describe("created: dates and timestamps become half-open UTC intervals", () => {
  const created = (value: string) => {
    const { since, until } = only(`created:${value}`) as { since: string | null; until: string | null };
    return { since, until };
  };

  it("comparisons with a date cover whole days", () => {
    expect(created(">=2026-11-01")).toEqual({ since: "2026-11-01T00:00:00.000000Z", until: null });
    expect(created(">2026-11-01")).toEqual({ since: "2026-11-02T00:00:00.000000Z", until: null });
    expect(created("<=2026-11-01")).toEqual({ since: null, until: "2026-11-02T00:00:00.000000Z" });
    expect(created("<2026-11-01")).toEqual({ since: null, until: "2026-11-01T00:00:00.000000Z" });
  });

  it("comparisons with a timestamp are exact to the microsecond", () => {
    expect(created(">=2026-11-01T13:28:18.123456Z")).toEqual({ since: "2026-11-01T13:28:18.123456Z", until: null });
    expect(created("<=2026-11-01T13:28:18.123456Z")).toEqual({ since: null, until: "2026-11-01T13:28:18.123457Z" });
    expect(created(">2026-11-01T13:28:18Z")).toEqual({ since: "2026-11-01T13:28:18.000001Z", until: null });
    expect(created("<2026-11-01T13:28Z")).toEqual({ since: null, until: "2026-11-01T13:28:00.000000Z" });
  });

  it("offsets convert to UTC; no offset means UTC", () => {
    expect(created(">=2026-11-01T01:30:00+02:00")).toEqual({ since: "2026-10-31T23:30:00.000000Z", until: null });
    expect(created(">=2026-11-01T01:30:00")).toEqual({ since: "2026-11-01T01:30:00.000000Z", until: null });
  });

  it("a..b includes both ends (whole days for dates); * leaves a side open", () => {
    expect(created("2026-11-01..2026-11-30")).toEqual({
      since: "2026-11-01T00:00:00.000000Z",
      until: "2026-12-01T00:00:00.000000Z",
    });
    expect(created("2026-11-01..2026-11-01")).toEqual({
      since: "2026-11-01T00:00:00.000000Z",
      until: "2026-11-02T00:00:00.000000Z",
    });
    expect(created("2026-11-01T10:00:00Z..2026-11-01T11:00:00Z")).toEqual({
      since: "2026-11-01T10:00:00.000000Z",
      until: "2026-11-01T11:00:00.000001Z",
    });
    expect(created("2026-11-01..*")).toEqual({ since: "2026-11-01T00:00:00.000000Z", until: null });
    expect(created("*..2026-11-01")).toEqual({ since: null, until: "2026-11-02T00:00:00.000000Z" });
  });

  it("a lone date is that day", () => {
    expect(created("2028-02-29")).toEqual({
      since: "2028-02-29T00:00:00.000000Z",
      until: "2028-03-01T00:00:00.000000Z",
    });
  });
});

describe("free text, quoting and negation", () => {
  it("bare words and quoted phrases are free text, ANDed with the rest", () => {
    expect(conditions('payout "wire transfer" action:custom.*')).toEqual([
      { field: "text", value: "payout", negated: false },
      { field: "text", value: "wire transfer", negated: false },
      { field: "action", value: "custom.", prefix: true, negated: false },
    ]);
  });

  it("quotes keep spaces, colons and escaped quotes", () => {
    expect(only('"said \\"hi\\" to a:b"')).toEqual({ field: "text", value: 'said "hi" to a:b', negated: false });
    expect(only('"back\\\\slash"')).toMatchObject({ value: "back\\slash" });
  });

  it("words that merely contain a colon stay free text", () => {
    expect(only("2001:db8::1")).toEqual({ field: "text", value: "2001:db8::1", negated: false });
  });

  it("- excludes any term", () => {
    expect(conditions('-outcome:success -"dry run" -noise -created:<2026-01-01')).toEqual([
      { field: "outcome", value: "success", negated: true },
      { field: "text", value: "dry run", negated: true },
      { field: "text", value: "noise", negated: true },
      { field: "created", since: null, until: "2026-01-01T00:00:00.000000Z", negated: true },
    ]);
  });

  it("each term knows where it was written, for highlighting", () => {
    expect(
      parseAuditQuery('  -actor:"Ada L" ip:10.0.0.0/8').terms.map(({ position, length }) => [position, length]),
    ).toEqual([
      [3, 14],
      [18, 13],
    ]);
  });

  it("an empty search has no terms", () => {
    expect(parseAuditQuery("   ").terms).toEqual([]);
  });
});

describe("errors name the 1-based position and what was wrong", () => {
  const cases: [query: string, message: RegExp, position: number, length: number][] = [
    [
      "acter:ada",
      /^Unknown qualifier "acter" at position 1\. Known: action, category, actor, target, outcome, ip, country, created$/,
      1,
      5,
    ],
    ["outcome:success -acter:ada", /Unknown qualifier "acter" at position 18/, 18, 5],
    ["action:", /"action:" at position 1 needs a value/, 1, 7],
    ['actor:""', /"actor:" at position 1 needs a value/, 1, 6],
    ['x ""', /Empty quotes at position 3/, 3, 2],
    ['x "a\u001fb"', /Free text "a\uFFFDb" at position 3 holds a control character \(U\+001F\)/, 3, 5],
    ['"tab\there"', /holds a control character \(U\+0009\)/, 1, 10],
    ["action:mem*ber", /Misplaced "\*" in "mem\*ber" at position 8/, 8, 7],
    ["action:*", /"action:\*" at position 8 matches every action/, 8, 1],
    ["action:user-signed-in", /"user-signed-in" at position 8 is not an action name/, 8, 14],
    ["category:auth", /Unknown category "auth" at position 10\. Known: authentication, access/, 10, 4],
    ["outcome:ok", /Unknown outcome "ok" at position 9\. Known: success, failure, denied/, 9, 2],
    ["ip:300.1.1.1", /"300\.1\.1\.1" at position 4 is not an IP address or CIDR range/, 4, 9],
    ["ip:127.1", /"127\.1" at position 4 is not an IP address/, 4, 5],
    ["ip:10.0.0.0/33", /"10\.0\.0\.0\/33" at position 4: an IPv4 prefix is at most \/32/, 4, 11],
    ["ip:2001:db8::/129", /an IPv6 prefix is at most \/128/, 4, 14],
    ["ip:fe80::1%eth0", /is not an IP address/, 4, 12],
    ["ip:10.0.0.0/8/8", /is not an IP address/, 4, 12],
    ["country:GBR", /"GBR" at position 9 is not a two-letter country code/, 9, 3],
    ["created:2026-13-01", /No such date or time "2026-13-01" at position 9/, 9, 10],
    ["created:2026-02-30", /No such date or time "2026-02-30" at position 9/, 9, 10],
    ["created:2026-11-01T25:00Z", /No such date or time/, 9, 17],
    ["created:yesterday", /Malformed date "yesterday" at position 9\. Use a date \(2026-11-01\) or a timestamp/, 9, 9],
    ["created:>=", /Missing date at position 11/, 11, 1],
    ["created:2026-11-01..2026-11-3", /Malformed date "2026-11-3" at position 21/, 21, 9],
    [
      "created:2026-11-30..2026-11-01",
      /The range "2026-11-30\.\.2026-11-01" at position 9 starts after it ends/,
      9,
      22,
    ],
    ["created:*..*", /The range at position 9 needs a date on at least one side/, 9, 4],
    ["created:1900-01-01", /out of range: years 1970 to 9998/, 9, 10],
    ['action:x "unterminated', /Unterminated quote at position 10/, 10, 13],
    ['"closed"x', /Expected a space after the closing quote, found "x" at position 9/, 9, 1],
    ["ok - x", /Nothing to exclude after "-" at position 4/, 4, 1],
  ];

  it.each(cases)("%s", (query, message, position, length) => {
    const error = errorOf(query);
    expect(error.message).toMatch(message);
    expect(error.message).toContain(`at position ${position}`);
    expect(searchErrorSpan(error)).toEqual({ position, length });
  });

  it("is an AppError invalid_input (a 400 with the message under q)", () => {
    const error = errorOf("acter:ada");
    expect(error).toBeInstanceOf(AppError);
    expect(error.status).toBe(400);
    expect(error.fieldErrors).toEqual({ q: [error.message] });
    expect(searchErrorSpan(new Error("other"))).toBeNull();
  });

  it("refuses searches too long or with too many terms", () => {
    expect(errorOf("x".repeat(1001)).position).toBe(1001);
    expect(errorOf(Array.from({ length: 31 }, (_, i) => `w${i}`).join(" ")).message).toMatch(
      /Too many terms at position 111: at most 30/,
    );
  });
});
