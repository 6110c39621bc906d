import type { TLegalHoldView } from "@/lib/lifecycle/legal-hold-schemas";
import type { ActionResult } from "@/lib/http/action-result";

/** The server actions of the holds screen, as the client sees them (app/[orgSlug]/legal-holds/actions.ts). */
export type LegalHoldAction = (orgSlug: string, input: unknown) => Promise<ActionResult<TLegalHoldView>>;

const day = (iso: string) => iso.slice(0, 10);
/** The day before an exclusive end at midnight UTC (what the form's "through" date was), else the time itself. */
const lastDay = (iso: string) =>
  iso.endsWith("T00:00:00.000Z") ? day(new Date(Date.parse(iso) - 86_400_000).toISOString()) : iso;

/** A hold's scope in words, as the table shows it. */
export function scopeText(scope: TLegalHoldView["scope"]): string {
  switch (scope.kind) {
    case "org":
      return "The whole organization";
    case "people":
      return `People: ${scope.people.join(", ")}`;
    case "dates":
      if (scope.from && scope.until) return `Entries from ${day(scope.from)} through ${lastDay(scope.until)}`;
      return scope.from ? `Entries from ${day(scope.from)} on` : `Entries through ${lastDay(scope.until!)}`;
    case "query":
      return `Search: ${scope.query}`;
  }
}

export const count = (n: number) => n.toLocaleString("en-US");
