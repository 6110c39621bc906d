import "server-only";
import { Prisma } from "@/lib/db/generated/client";
import { auditFiltersWhere, type TAuditFilters } from "./audit-filters";
import { auditQueryWhere } from "./audit-query-where";
import type { FreeTextIndex } from "./free-text-index";
import { parseAuditQuery, type AuditQueryTerm } from "./parse-audit-query";

const sql = Prisma.sql;

/** A search of the trail: the query language's text `q`, ANDed with the structured filters. */
export type AuditSearch = { q: string } & TAuditFilters;

export type CompiledAuditSearch = {
  /** Every filter and every term of q, ANDed; without the organization (callers put `org_id = …` beside it). */
  where: Prisma.Sql;
  /**
   * A closed interval of occurred_at that every match lies in, when the filters and q's created:
   * terms bound both ends (the latest start, the earliest end): the search's plan for a date range.
   */
  range: { since: Prisma.Sql; until: Prisma.Sql } | null;
};

type CreatedTerm = Extract<AuditQueryTerm, { field: "created" }>;
const isBound = (bound: string | null | undefined): bound is string => typeof bound === "string";

function boundOf(bounds: string[], pick: "GREATEST" | "LEAST"): Prisma.Sql {
  const instants = bounds.map((bound) => sql`${bound}::timestamptz`);
  return instants.length === 1 ? instants[0] : sql`${Prisma.raw(pick)}(${Prisma.join(instants)})`;
}

/**
 * The one compilation of a search, for its pages (search-audit-entries.ts, the screen, the dashboard
 * and the API) and for exports. A malformed q throws SearchSyntaxError (400, with its position).
 */
export function compileAuditSearch(search: AuditSearch, freeText: FreeTextIndex): CompiledAuditSearch {
  const query = parseAuditQuery(search.q);
  const filters = auditFiltersWhere(search);
  const text = auditQueryWhere(query, freeText);
  // Without filters, exactly q's SQL: the screen's searches keep the statements their indexes were tuned on.
  const where = filters.length === 0 ? text : sql`(${Prisma.join([...filters, text], " AND ")})`;
  const created = query.terms.filter((term): term is CreatedTerm => term.field === "created" && !term.negated);
  const since = [search.since, ...created.map((term) => term.since)].filter(isBound);
  const until = [search.until, ...created.map((term) => term.until)].filter(isBound);
  if (since.length === 0 || until.length === 0) return { where, range: null };
  return { where, range: { since: boundOf(since, "GREATEST"), until: boundOf(until, "LEAST") } };
}
