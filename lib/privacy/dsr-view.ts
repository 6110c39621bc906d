import "server-only";
import type { Target } from "@/lib/context";
import type { DataSubjectRequest } from "@/lib/db/generated/client";
import { ZDsrView, type TDsrView } from "./dsr-schemas";

const DAY = 86_400_000;

export function dsrTarget(row: Pick<DataSubjectRequest, "id" | "type">): Target {
  return { type: "data_subject_request", id: row.id, display: `${row.type} request` };
}

/** The audit metadata every dsr.* entry carries: the subject's identifier only, never more about them. */
export function dsrMetadata(row: Pick<DataSubjectRequest, "subject" | "type" | "regime">) {
  return { subject: row.subject, type: row.type as "access" | "erasure", regime: row.regime as "GDPR" | "CCPA" };
}

export function dsrView(row: DataSubjectRequest, now = new Date()): TDsrView {
  const open = row.status === "received";
  return ZDsrView.parse({
    id: row.id,
    subject: row.subject,
    type: row.type,
    regime: row.regime,
    status: row.status,
    receivedAt: row.receivedAt.toISOString(),
    dueAt: row.dueAt.toISOString(),
    overdue: open && row.dueAt.getTime() < now.getTime(),
    daysLeft: Math.ceil((row.dueAt.getTime() - now.getTime()) / DAY),
    recordedBy: { id: row.recordedById, display: row.recordedByDisplay },
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    resolvedBy: row.resolvedById ? { id: row.resolvedById, display: row.resolvedByDisplay } : null,
    reason: row.reason,
    completionRecord: row.completionRecord ?? null,
  });
}
