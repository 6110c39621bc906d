import "server-only";
import type { Target } from "@/lib/context";
import type { LegalHold } from "@/lib/db/generated/client";
import { ZLegalHoldView, type TLegalHoldScope, type TLegalHoldView } from "./legal-hold-schemas";

export function legalHoldTarget(hold: Pick<LegalHold, "id" | "name">): Target {
  return { type: "legal_hold", id: hold.id, display: hold.name };
}

/** The scope a row stores, in the shape the schemas, the audit metadata and the coverage read. */
export function scopeOf(row: LegalHold): TLegalHoldScope {
  switch (row.scopeKind) {
    case "people":
      return { kind: "people", people: row.scopePeople };
    case "dates":
      return {
        kind: "dates",
        from: row.scopeFrom?.toISOString() ?? null,
        until: row.scopeUntil?.toISOString() ?? null,
      };
    case "query":
      return { kind: "query", query: row.scopeQuery ?? "" };
    default:
      return { kind: "org" };
  }
}

/** The columns a scope is stored in. */
export function scopeColumns(scope: TLegalHoldScope) {
  return {
    scopeKind: scope.kind,
    scopePeople: scope.kind === "people" ? scope.people : [],
    scopeFrom: scope.kind === "dates" && scope.from ? new Date(scope.from) : null,
    scopeUntil: scope.kind === "dates" && scope.until ? new Date(scope.until) : null,
    scopeQuery: scope.kind === "query" ? scope.query : null,
  };
}

export function legalHoldView(row: LegalHold, coveredEntries: number): TLegalHoldView {
  const active = row.releasedAt === null;
  return ZLegalHoldView.parse({
    id: row.id,
    name: row.name,
    matter: row.matter,
    scope: scopeOf(row),
    status: active ? "active" : "released",
    createdAt: row.createdAt.toISOString(),
    createdBy: { id: row.createdById, display: row.createdByDisplay },
    releasedAt: row.releasedAt?.toISOString() ?? null,
    releasedBy: row.releasedById ? { id: row.releasedById, display: row.releasedByDisplay } : null,
    releaseReason: row.releaseReason,
    coveredEntries,
    holdingBack: active ? { purgeEntries: coveredEntries } : null,
  });
}
