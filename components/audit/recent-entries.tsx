import { TableHead } from "@/components/ui/table-head";
import type { TAuditEntryView } from "@/lib/audit/audit-entry-view";
import { formatInstant, UTC } from "./display-time";

const OUTCOME_STYLES: Record<string, string> = {
  success: "bg-emerald-50 text-emerald-700",
  failure: "bg-amber-50 text-amber-800",
  denied: "bg-red-50 text-red-700",
};

/**
 * The latest audit entries, newest first, with their position in the chain; times in the reader's display zone
 * (display-time.ts: the same format as the audit trail), the exact instant on hover.
 */
export function RecentEntries({ entries, zone = UTC }: { entries: TAuditEntryView[]; zone?: string }) {
  if (entries.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-sm text-slate-500">
        No audit entries yet.
      </p>
    );
  }
  return (
    <div
      className="overflow-x-auto rounded-lg border border-slate-200 bg-white"
      role="region"
      aria-label="Latest audit entries"
      tabIndex={0}
    >
      <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label="Latest audit entries">
        <TableHead
          headings={["Seq", `Time (${zone})`, "Action", "Actor", "Outcome", "IP", "Hash"]}
          cellClassName="px-4 py-2"
        />
        <tbody className="divide-y divide-slate-100">
          {entries.map((entry) => (
            <tr key={entry.id} data-testid="audit-entry">
              <td className="px-4 py-2 font-mono tabular-nums text-slate-500">#{entry.seq}</td>
              <td className="whitespace-nowrap px-4 py-2 tabular-nums">
                <time dateTime={entry.occurredAt} title={entry.occurredAt}>
                  {formatInstant(entry.occurredAt, zone)}
                </time>
              </td>
              <td className="px-4 py-2 font-medium">{entry.action}</td>
              <td className="px-4 py-2 text-slate-600">{entry.actor.display ?? entry.actor.type}</td>
              <td className="px-4 py-2">
                <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${OUTCOME_STYLES[entry.outcome] ?? ""}`}>
                  {entry.outcome}
                </span>
              </td>
              <td className="px-4 py-2 font-mono text-xs text-slate-500">{entry.ip ?? "—"}</td>
              <td className="px-4 py-2 font-mono text-xs text-slate-600" title={entry.hash}>
                {entry.hash.slice(0, 12)}…
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
