import "server-only";
import { compileAuditSearch } from "@/lib/audit/search/compile-audit-search";
import type { FreeTextIndex } from "@/lib/audit/search/free-text-index";
import { Prisma } from "@/lib/db/generated/client";
import type { TLegalHoldScope } from "./legal-hold-schemas";

const sql = Prisma.sql;

/** A person named in a people scope: an id (user, key, actor) or an email, matched on the entry's actor or target. */
function personSql(people: string[]): Prisma.Sql {
  const emails = people.filter((person) => person.includes("@")).map((email) => email.toLowerCase());
  const byId = sql`actor_id = ANY(${people}::text[]) OR target_id = ANY(${people}::text[])`;
  if (emails.length === 0) return sql`(${byId})`;
  return sql`(${byId} OR lower(actor_display) = ANY(${emails}::text[]) OR lower(target_display) = ANY(${emails}::text[]))`;
}

/**
 * The entries a scope covers, as a WHERE fragment over any relation with audit_entries' columns (the
 * table itself, or entries read back from an archive segment): the search's own compilation for a query
 * scope, so a hold covers exactly what the same search on the audit screen finds. Without the organization.
 */
export function holdCoverageSql(scope: TLegalHoldScope, freeText: FreeTextIndex): Prisma.Sql {
  switch (scope.kind) {
    case "org":
      return sql`TRUE`;
    case "people":
      return personSql(scope.people);
    case "dates":
      return sql`(${scope.from === null ? sql`TRUE` : sql`occurred_at >= ${scope.from}::timestamptz`}
        AND ${scope.until === null ? sql`TRUE` : sql`occurred_at < ${scope.until}::timestamptz`})`;
    case "query":
      return compileAuditSearch({ q: scope.query }, freeText).where;
  }
}

/** Whether a dates scope overlaps [fromTime, toTime] (both inclusive): the test when only a range's times are known. */
export function datesOverlap(scope: Extract<TLegalHoldScope, { kind: "dates" }>, fromTime: Date, toTime: Date) {
  return (
    (scope.from === null || new Date(scope.from) <= toTime) &&
    (scope.until === null || new Date(scope.until) > fromTime)
  );
}
