import { parseAuditQuery, type AuditQueryTerm } from "@/lib/audit/search/parse-audit-query";
import { SearchSyntaxError } from "@/lib/audit/search/search-syntax-error";
import { tokenizeAuditQuery } from "@/lib/audit/search/tokenize-audit-query";

/**
 * The facets are a second way of writing the one search language: each reads its qualifier out of
 * the query text and writes it back into it, so what is shared in `?q=` is always exactly what runs.
 */

export type FacetQualifier = "category" | "action" | "actor" | "outcome" | "created";

export type FacetValues = {
  category: string;
  action: string;
  actor: string;
  outcome: string;
  /** UTC days (YYYY-MM-DD), inclusive, as a date input takes them. */
  from: string;
  to: string;
};

export const EMPTY_FACETS: FacetValues = { category: "", action: "", actor: "", outcome: "", from: "", to: "" };

export type QueryCheck =
  { ok: true; terms: AuditQueryTerm[] } | { ok: false; message: string; position: number; length: number };

/** Parses a search as it is typed; an error keeps its 1-based position and length for underlining. */
export function checkQuery(text: string): QueryCheck {
  try {
    return { ok: true, terms: parseAuditQuery(text).terms };
  } catch (error) {
    if (error instanceof SearchSyntaxError)
      return { ok: false, message: error.message, position: error.position, length: error.length };
    return {
      ok: false,
      message: error instanceof Error ? error.message : "This search cannot be read.",
      position: 1,
      length: text.length,
    };
  }
}

const DAY_MS = 86_400_000;
const dayOf = (iso: string) => iso.slice(0, 10);
const isMidnight = (iso: string) => /T00:00:00(\.0+)?Z$/.test(iso);

/** What the facet controls show for a search: the first non-negated term of each qualifier. */
export function facetValuesOf(terms: AuditQueryTerm[]): FacetValues {
  const values = { ...EMPTY_FACETS };
  for (const term of terms) {
    if (term.negated) continue;
    switch (term.field) {
      case "category":
      case "actor":
      case "outcome":
        values[term.field] ||= term.value;
        break;
      case "action":
        values.action ||= term.prefix ? `${term.value}*` : term.value;
        break;
      case "created":
        // Only whole UTC days fit a date input; a timestamp range leaves the inputs empty.
        if (!values.from && term.since && isMidnight(term.since)) values.from = dayOf(term.since);
        if (!values.to && term.until && isMidnight(term.until))
          values.to = dayOf(new Date(Date.parse(term.until) - DAY_MS).toISOString());
        break;
    }
  }
  return values;
}

/** Quotes a value when it holds a space or a quote, escaping what the tokenizer unescapes. */
export function quoteValue(value: string): string {
  return /[\s"\\]/.test(value) || value === "" ? `"${value.replace(/[\\"]/g, (char) => `\\${char}`)}"` : value;
}

/** The `created:` value for a day range, or null when both ends are open. */
export function createdValue(from: string, to: string): string | null {
  if (from && to) return from === to ? from : `${from}..${to}`;
  if (from) return `>=${from}`;
  if (to) return `<=${to}`;
  return null;
}

/**
 * The search with every non-negated `qualifier:` term replaced by `qualifier:value` (or removed when
 * value is null). Negated terms stay: they are a choice the facet cannot show. Throws on a search
 * the tokenizer cannot read; the screen disables the facets until it is fixed.
 */
export function withQualifier(text: string, qualifier: FacetQualifier, value: string | null): string {
  const kept = tokenizeAuditQuery(text)
    .filter((token) => token.negated || token.qualifier?.name.toLowerCase() !== qualifier)
    .map((token) => text.slice(token.start, token.valueStart + token.valueLength));
  const result = kept.join(" ");
  if (value === null || value === "") return result;
  const written = qualifier === "created" ? value : quoteValue(value);
  return result ? `${result} ${qualifier}:${written}` : `${qualifier}:${written}`;
}
