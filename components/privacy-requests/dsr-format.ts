import type { ActionResult } from "@/lib/http/action-result";
import type { TDsrView } from "@/lib/privacy/dsr-schemas";

/** The server actions of the requests screen, as the client sees them (app/[orgSlug]/privacy-requests/actions.ts). */
export type DsrAction = (orgSlug: string, input: unknown) => Promise<ActionResult<TDsrView>>;

export const TYPE_LABEL = { access: "Access", erasure: "Erasure" } as const;

/** The deadline in words: "in 12 days", "due today", "3 days overdue", or whether it was answered in time. */
export function deadlineText(request: TDsrView): string {
  if (request.status !== "received") return request.resolvedAt! <= request.dueAt ? "answered in time" : "answered late";
  if (request.overdue) return `${Math.max(1, -request.daysLeft)} ${-request.daysLeft === 1 ? "day" : "days"} overdue`;
  if (request.daysLeft <= 0) return "due today";
  return `in ${request.daysLeft} ${request.daysLeft === 1 ? "day" : "days"}`;
}

export const accessPackageHref = (orgSlug: string, requestId: string, format: "json" | "md") =>
  `/${orgSlug}/privacy-requests/access-package?request=${requestId}&format=${format}`;
