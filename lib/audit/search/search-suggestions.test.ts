import { describe, expect, it } from "vitest";
import { AUDIT_EVENTS } from "@/lib/audit/event-catalog";
import { AUDIT_QUERY_QUALIFIERS, parseAuditQuery } from "./parse-audit-query";
import { applySuggestion, suggestSearchTerms, termAtCaret, type SearchSuggestion } from "./search-suggestions";

/** The suggestions with the caret at `|` in `written`. */
function suggest(written: string, options: Parameters<typeof suggestSearchTerms>[1] = {}) {
  const caret = written.indexOf("|");
  const text = written.replace("|", "");
  const term = termAtCaret(text, caret);
  return { text, term, suggestions: suggestSearchTerms(term, options) };
}
const labels = (suggestions: SearchSuggestion[]) => suggestions.map((s) => s.label);

describe("search box suggestions", () => {
  it("suggests the qualifiers a typed word starts, from the language's own list, and all of them only when asked", () => {
    expect(labels(suggest("a|").suggestions)).toEqual(["action:", "actor:"]);
    expect(labels(suggest("CoU|").suggestions)).toEqual(["country:"]);
    expect(suggest("|").suggestions).toEqual([]);
    expect(labels(suggest("|", { all: true }).suggestions)).toEqual(AUDIT_QUERY_QUALIFIERS.map((name) => `${name}:`));
    // Free text that no qualifier starts, quoted text and unknown qualifiers get nothing.
    expect(suggest("wal_97|").suggestions).toEqual([]);
    expect(suggest('"rotated k|').suggestions).toEqual([]);
    expect(suggest("who:ad|").suggestions).toEqual([]);
  });

  it("suggests catalog actions (with their groups), categories and outcomes, starts first, then contains", () => {
    const actions = labels(suggest("action:member.|").suggestions);
    expect(actions[0]).toBe("member.*");
    expect(actions).toContain("member.invited");
    expect(actions.every((action) => action === "member.*" || action in AUDIT_EVENTS)).toBe(true);
    const byWord = labels(suggest("action:invited|").suggestions);
    expect(byWord).toContain("member.invited");
    expect(labels(suggest("category:cr|").suggestions)).toEqual(["credentials"]);
    expect(labels(suggest("-outcome:|").suggestions)).toEqual(["success", "failure", "denied"]);
    expect(suggest("-outcome:d|").suggestions[0].term).toBe("-outcome:denied");
    // What is already written in full is not offered again.
    expect(suggest("outcome:denied|").suggestions).toEqual([]);
  });

  it("suggests the recent values it is given for actors, targets, IPs and countries, quoted where they must be", () => {
    const recent = ["Ada Lovelace", "ada@example.com", "grace@example.com"];
    const { suggestions } = suggest("actor:ad|", { recent });
    expect(labels(suggestions)).toEqual(["Ada Lovelace", "ada@example.com"]);
    expect(suggestions[0].term).toBe('actor:"Ada Lovelace"');
    expect(labels(suggest('actor:"ada l|', { recent }).suggestions)).toEqual(["Ada Lovelace"]);
    expect(labels(suggest("country:g|", { recent: ["GB", "DE"] }).suggestions)).toEqual(["GB"]);
    // Action hints come from the describer the screen passes.
    expect(suggest("action:member.inv|", { describe: (a) => `about ${a}` }).suggestions[0].hint).toBe(
      "about member.invited",
    );
  });

  it("replaces only the term at the caret, and every value it writes parses", () => {
    const { text, term, suggestions } = suggest("outcome:denied act| created:>=2026-11-01");
    const qualifier = applySuggestion(
      text,
      term,
      suggestions.find((s) => s.label === "actor:")!,
    );
    expect(qualifier).toEqual({
      text: "outcome:denied actor: created:>=2026-11-01",
      caret: "outcome:denied actor:".length,
    });
    const next = termAtCaret(qualifier.text, qualifier.caret);
    expect(next.qualifier).toBe("actor");
    const [value] = suggestSearchTerms(next, { recent: ["Ada Lovelace"] });
    const done = applySuggestion(qualifier.text, next, value);
    expect(done.text).toBe('outcome:denied actor:"Ada Lovelace" created:>=2026-11-01');
    expect(done.caret).toBe('outcome:denied actor:"Ada Lovelace" '.length);
    expect(parseAuditQuery(done.text).terms.map((t) => t.field)).toEqual(["outcome", "actor", "created"]);

    // In the middle of a term, the whole term goes; at the end, a space follows the value.
    const middle = suggest("-action:mem|ber.inv");
    expect(middle.term).toMatchObject({ start: 0, end: "-action:member.inv".length, negated: true, typed: "mem" });
    const picked = applySuggestion(
      middle.text,
      middle.term,
      middle.suggestions.find((s) => s.label === "member.invited")!,
    );
    expect(picked.text).toBe("-action:member.invited ");
    for (const action of Object.keys(AUDIT_EVENTS)) expect(() => parseAuditQuery(`action:${action}`)).not.toThrow();
  });
});
