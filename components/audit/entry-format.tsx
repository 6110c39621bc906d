import type { TAuditEntryView } from "@/lib/audit/audit-entry-view";

const OUTCOME_STYLES: Record<string, string> = {
  success: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  failure: "bg-amber-50 text-amber-800 ring-amber-200",
  denied: "bg-red-50 text-red-700 ring-red-200",
};

export function OutcomeBadge({ outcome }: { outcome: string }) {
  return (
    <span
      className={
        `inline-block rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ` +
        `${OUTCOME_STYLES[outcome] ?? "bg-slate-100 text-slate-700 ring-slate-200"}`
      }
    >
      {outcome}
    </span>
  );
}

export function actorLabel(entry: TAuditEntryView): string {
  return entry.actor.display ?? entry.actor.id ?? entry.actor.type;
}

export function targetLabel(entry: TAuditEntryView): string | null {
  if (!entry.target) return null;
  return entry.target.display ?? entry.target.id ?? entry.target.type;
}

export function locationLabel(entry: TAuditEntryView): string | null {
  const parts = [entry.geo?.city, entry.geo?.country].filter(Boolean);
  return parts.length ? parts.join(", ") : null;
}
