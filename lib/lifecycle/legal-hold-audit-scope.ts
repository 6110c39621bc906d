import type { TLegalHoldScope } from "./legal-hold-schemas";

/** A scope as the trail records it: its kind and what it names, with no empty fields. */
export function legalHoldAuditScope(scope: TLegalHoldScope): Record<string, string | string[]> {
  switch (scope.kind) {
    case "org":
      return { kind: "org" };
    case "people":
      return { kind: "people", people: scope.people };
    case "dates":
      return {
        kind: "dates",
        ...(scope.from ? { from: scope.from } : {}),
        ...(scope.until ? { until: scope.until } : {}),
      };
    case "query":
      return { kind: "query", query: scope.query };
  }
}
