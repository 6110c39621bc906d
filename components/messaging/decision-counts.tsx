import type { MessagingOverview } from "@/lib/messaging/panel/panel-views";
import { DECISION_LABELS, reasonLabel } from "./reason-labels";

const TONES = { allow: "text-emerald-700", block: "text-red-700", reschedule: "text-amber-700" } as const;

/** Today's decisions of the gate by kind, and the most frequent reasons of those that did not pass. */
export function DecisionCounts({ orgSlug, overview }: { orgSlug: string; overview: MessagingOverview }) {
  const kinds = ["allow", "block", "reschedule"] as const;
  return (
    <section aria-labelledby="today-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="today-heading" className="text-base font-semibold text-slate-900">
        Today (since 00:00 UTC)
      </h2>
      <dl className="grid grid-cols-3 gap-3">
        {kinds.map((kind) => (
          <div key={kind} className="rounded-md bg-slate-50 p-3" data-testid={`today-${kind}`}>
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-600">{DECISION_LABELS[kind]}</dt>
            <dd className={`text-2xl font-semibold ${TONES[kind]}`}>{overview.today[kind].toLocaleString("en-US")}</dd>
          </div>
        ))}
      </dl>
      {overview.topReasons.length ? (
        <div>
          <h3 className="text-sm font-medium text-slate-700">Why messages were stopped</h3>
          <ul className="mt-1 divide-y divide-slate-100 text-sm" data-testid="top-reasons">
            {overview.topReasons.map((row) => (
              <li key={`${row.decision}-${row.reason}`} className="flex justify-between py-1.5">
                <span>
                  <span className="font-mono text-xs text-slate-500">{row.reason}</span> {reasonLabel(row.reason)} (
                  {DECISION_LABELS[row.decision]?.toLowerCase() ?? row.decision})
                </span>
                <span className="tabular-nums">{row.count.toLocaleString("en-US")}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="text-sm text-slate-600">
          No message has been blocked or rescheduled today.{" "}
          <a className="text-brand-700 underline" href={`/${orgSlug}/messaging/try`}>
            Try a number
          </a>{" "}
          to see the gate decide.
        </p>
      )}
    </section>
  );
}
