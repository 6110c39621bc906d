import { AUDIT_CATEGORIES, AUDIT_EVENTS } from "@/lib/audit/event-catalog";
import { AUDIT_OUTCOMES, AUDIT_QUERY_QUALIFIERS, type AuditQueryQualifier } from "./parse-audit-query";

/**
 * Autocomplete for the search box: the qualifiers of the language as they are typed (the compiler's own list), then
 * the known values of the qualifier being typed. Pure, with no server imports: the screen calls it on every key.
 * What a suggestion replaces is the one term at the caret, so the rest of the search stays as written.
 */

/** The qualifiers whose values come from the organization's recent entries (the server's `values` route). */
export const RECENT_VALUE_QUALIFIERS = ["actor", "target", "ip", "country"] as const;
export type RecentValueQualifier = (typeof RECENT_VALUE_QUALIFIERS)[number];
export const isRecentValueQualifier = (name: string | null): name is RecentValueQualifier =>
  (RECENT_VALUE_QUALIFIERS as readonly string[]).includes(name ?? "");

/** One line per qualifier, next to its suggestion: a Record, so a qualifier the language gains must get one. */
export const QUALIFIER_HINTS: Record<AuditQueryQualifier, string> = {
  action: "an action, or the start of one with *",
  category: "a category of actions",
  actor: "who acted: email, name, key prefix or id",
  target: "what was acted on",
  outcome: "success, failure or denied",
  ip: "an address or a CIDR range",
  country: "a two-letter country code",
  created: "a day, a time or a range (UTC)",
};

/** The term the caret is in; `start`/`end` (0-based, end exclusive) are what a pick replaces. */
export type TermAtCaret = {
  start: number;
  end: number;
  negated: boolean;
  /** The qualifier whose value is being typed; null while the term is still a bare word (or empty). */
  qualifier: AuditQueryQualifier | null;
  /** What is typed of the word or of the value before the caret, quotes and escapes removed. */
  typed: string;
};

export type SearchSuggestion = {
  kind: "qualifier" | "value";
  /** What the list shows. */
  label: string;
  /** The whole term written in its place (`-` kept, the value quoted where it must be). */
  term: string;
  hint?: string;
};

const MAX_SUGGESTIONS = 8;
const QUALIFIER_WORD = /^[A-Za-z][A-Za-z0-9_]*$/;
const QUALIFIED = /^([A-Za-z][A-Za-z0-9_]*):/;
const isSpace = (char: string) => /\s/.test(char);

/** Quotes a value when it holds a space or a quote, escaping what the tokenizer unescapes. */
export function quoteSearchValue(value: string): string {
  return /[\s"\\]/.test(value) || value === "" ? `"${value.replace(/[\\"]/g, (char) => `\\${char}`)}"` : value;
}

function unquote(written: string): string {
  const body = written.startsWith('"') ? written.slice(1).replace(/"$/, "") : written;
  return body.replace(/\\(["\\])/g, "$1");
}

/** Where each term starts and ends, as the tokenizer splits them (whitespace outside quotes), without failing. */
function termSpans(text: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  let i = 0;
  while (i < text.length) {
    if (isSpace(text[i])) {
      i++;
      continue;
    }
    const start = i;
    let quoted = false;
    while (i < text.length && (quoted || !isSpace(text[i]))) {
      if (quoted && text[i] === "\\") i++;
      else if (text[i] === '"') quoted = !quoted;
      i++;
    }
    spans.push({ start, end: Math.min(i, text.length) });
  }
  return spans;
}

/** The term around the caret (an empty one between spaces or at the end). */
export function termAtCaret(text: string, caret: number): TermAtCaret {
  const span = termSpans(text).find(({ start, end }) => start <= caret && caret <= end) ?? { start: caret, end: caret };
  let before = text.slice(span.start, caret);
  const negated = before.startsWith("-");
  if (negated) before = before.slice(1);
  const qualified = QUALIFIED.exec(before);
  const name = qualified?.[1].toLowerCase();
  const qualifier = (AUDIT_QUERY_QUALIFIERS as readonly string[]).includes(name ?? "")
    ? (name as AuditQueryQualifier)
    : null;
  // An unknown qualifier: the word holds its colon, so nothing is suggested for it (the parser names the problem).
  if (qualified && !qualifier) return { ...span, negated, qualifier: null, typed: before };
  return { ...span, negated, qualifier, typed: qualifier ? unquote(before.slice(qualified![0].length)) : before };
}

/** Values starting with what is typed come first, then values holding it; case does not matter. */
function matching(values: readonly string[], typed: string): string[] {
  const needle = typed.toLowerCase();
  const starts = values.filter((value) => value.toLowerCase().startsWith(needle));
  const holds = needle
    ? values.filter((value) => !value.toLowerCase().startsWith(needle) && value.toLowerCase().includes(needle))
    : [];
  return [...starts, ...holds];
}

/** Every catalog action, and `group.*` for each group of them (action:member.* finds them all). */
const ACTIONS: string[] = (() => {
  const names = Object.keys(AUDIT_EVENTS).sort();
  const groups = [...new Set(names.map((name) => name.split(".")[0]))].map((group) => `${group}.*`);
  return [...names, ...groups].sort();
})();

function catalogValues(qualifier: AuditQueryQualifier): readonly string[] {
  switch (qualifier) {
    case "action":
      return ACTIONS;
    case "category":
      return AUDIT_CATEGORIES;
    case "outcome":
      return AUDIT_OUTCOMES;
    default:
      return [];
  }
}

/**
 * The suggestions for the term at the caret. A bare word suggests the qualifiers it starts (an empty term suggests
 * them all only when asked: `all`); a qualifier suggests its values: actions, categories and outcomes from the
 * catalog, actors, targets, IPs and countries from `recent` (the organization's recent entries, already fetched for
 * what is typed). A value already written in full is not suggested again.
 */
export function suggestSearchTerms(
  term: TermAtCaret,
  {
    recent = [],
    all = false,
    describe,
  }: { recent?: readonly string[]; all?: boolean; describe?: (action: string) => string | undefined } = {},
): SearchSuggestion[] {
  const sign = term.negated ? "-" : "";
  if (term.qualifier === null) {
    if (!QUALIFIER_WORD.test(term.typed) && !(term.typed === "" && all)) return [];
    return AUDIT_QUERY_QUALIFIERS.filter((name) => name.startsWith(term.typed.toLowerCase())).map((name) => ({
      kind: "qualifier",
      label: `${name}:`,
      term: `${sign}${name}:`,
      hint: QUALIFIER_HINTS[name],
    }));
  }
  const qualifier = term.qualifier;
  const values = isRecentValueQualifier(qualifier) ? recent : catalogValues(qualifier);
  return matching(values, term.typed)
    .filter((value) => value !== term.typed)
    .slice(0, MAX_SUGGESTIONS)
    .map((value) => ({
      kind: "value",
      label: value,
      term: `${sign}${qualifier}:${quoteSearchValue(value)}`,
      hint: qualifier === "action" ? describe?.(value) : undefined,
    }));
}

/**
 * The search with the term at the caret replaced by the suggestion, and where the caret goes: after a qualifier's
 * colon (its values come next), or past the space that follows a value (the next term).
 */
export function applySuggestion(
  text: string,
  term: Pick<TermAtCaret, "start" | "end">,
  suggestion: SearchSuggestion,
): { text: string; caret: number } {
  const before = text.slice(0, term.start);
  const after = text.slice(term.end);
  if (suggestion.kind === "qualifier") {
    return { text: `${before}${suggestion.term}${after}`, caret: term.start + suggestion.term.length };
  }
  const spaced = after.startsWith(" ") ? after : ` ${after}`;
  return { text: `${before}${suggestion.term}${spaced}`, caret: term.start + suggestion.term.length + 1 };
}
