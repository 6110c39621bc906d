import { describe, expect, it } from "vitest";
import { checkQuery, facetValuesOf, withQualifier } from "./query-facets";

const facets = (text: string) => {
  const check = checkQuery(text);
  if (!check.ok) throw new Error(check.message);
  return facetValuesOf(check.terms);
};

describe("facets write qualifiers into the search text", () => {
  it("adds a qualifier after the rest of the search", () => {
    expect(withQualifier('"rotated key"', "outcome", "denied")).toBe('"rotated key" outcome:denied');
  });

  it("replaces the qualifier already there, keeping the other terms as written", () => {
    expect(withQualifier('actor:a@example.test  "two  spaces" category:access', "actor", "b@example.test")).toBe(
      '"two  spaces" category:access actor:b@example.test',
    );
  });

  it("keeps a negated term of the same qualifier: the facet shows only positive choices", () => {
    expect(withQualifier("-outcome:success outcome:denied", "outcome", "failure")).toBe(
      "-outcome:success outcome:failure",
    );
  });

  it("removes the qualifier when the facet is cleared", () => {
    expect(withQualifier("category:access action:member.*", "category", null)).toBe("action:member.*");
  });

  it("quotes a value with spaces or quotes, and the result parses back to it", () => {
    const text = withQualifier("", "actor", 'Ada "the" Admin');
    expect(text).toBe('actor:"Ada \\"the\\" Admin"');
    expect(facets(text).actor).toBe('Ada "the" Admin');
  });

  it("shows the first created: range as its UTC instants", () => {
    expect(facets("created:2026-11-01..2026-11-30")).toMatchObject({
      since: "2026-11-01T00:00:00.000000Z",
      until: "2026-12-01T00:00:00.000000Z",
    });
    expect(facets("created:>=2026-11-05")).toMatchObject({ since: "2026-11-05T00:00:00.000000Z", until: "" });
  });

  it("shows an action prefix with its star", () => {
    expect(facets("action:member.*").action).toBe("member.*");
  });
});

describe("syntax errors as typed", () => {
  it("names the position and the span of the first problem", () => {
    const check = checkQuery("category:access outcome:maybe");
    expect(check).toMatchObject({ ok: false, position: 25, length: 5 });
    expect(check.ok ? "" : check.message).toContain("position 25");
  });
});
