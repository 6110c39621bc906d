import { parseAuditQuery, type AuditQueryTerm } from "@/lib/audit/search/parse-audit-query";
import { quoteSearchValue } from "@/lib/audit/search/search-suggestions";
import { SearchSyntaxError } from "@/lib/audit/search/search-syntax-error";
import { tokenizeAuditQuery } from "@/lib/audit/search/tokenize-audit-query";

/**
 * The facets are a second way of writing the one search language: each reads its qualifier out of
 * the query text and writes it back into it, so what is shared in `?q=` is always exactly what runs.
 */

export type FacetQualifier = "category" | "action" | "actor" | "target" | "outcome" | "ip" | "country" | "created";

export type FacetValues = {
  category: string;
  action: string;
  actor: string;
  outcome: string;
  /** The first `created:` term's half-open interval [since, until) of UTC instants ("" for an open end). */
  since: string;
  until: string;
};

export const EMPTY_FACETS: FacetValues = { category: "", action: "", actor: "", outcome: "", since: "", until: "" };

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
        if (!values.since && !values.until) {
          values.since = term.since ?? "";
          values.until = term.until ?? "";
        }
        break;
    }
  }
  return values;
}

/** Quotes a value when it holds a space or a quote (the search box's autocomplete writes values the same way). */
export const quoteValue = quoteSearchValue;

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
