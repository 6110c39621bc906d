import { BillingCard } from "./card";
import { count, day, money, period } from "./format";
import type { BillingSummary } from "./types";

/** What the organization is on now: the plan and its limits, seats, the period, and a scheduled cancellation. */
export function CurrentPlanCard({ summary, orgSlug }: { summary: BillingSummary; orgSlug: string }) {
  const { plan, seats, cancelAtPeriodEnd } = summary;
  const limits = [
    ["Members", count(plan.limits.members)],
    ["API keys", count(plan.limits.apiKeys)],
    ["Webhook endpoints", count(plan.limits.webhookEndpoints)],
    ["Ingested events per month", count(plan.limits.ingestedEventsPerMonth)],
  ];
  return (
    <BillingCard title="Current plan" id="current-plan">
      <div className="space-y-4" data-testid="current-plan">
        <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
          <p className="text-2xl font-semibold tracking-tight">{plan.name}</p>
          <p className="text-sm text-slate-600">
            {plan.seatPriceCents ? `${money(plan.seatPriceCents)} per seat per month` : "No charge"}
          </p>
        </div>
        {cancelAtPeriodEnd ? (
          <p
            role="status"
            className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-inset ring-amber-200"
          >
            Cancels at the end of the period: {plan.name} stays until {day(summary.period.end)}, then the organization
            moves to Free.
          </p>
        ) : null}
        <dl className="grid gap-4 text-sm sm:grid-cols-3">
          <div>
            <dt className="text-slate-500">Seats used / purchased</dt>
            <dd className="mt-0.5 font-medium" data-testid="seats">
              {seats.used} / {seats.purchased}
            </dd>
          </div>
          <div className="sm:col-span-2">
            <dt className="text-slate-500">Current period</dt>
            <dd className="mt-0.5 font-medium">{period(summary.period.start, summary.period.end)}</dd>
          </div>
        </dl>
        <div>
          <h3 className="text-sm font-medium text-slate-700">Limits of the {plan.name} plan</h3>
          <dl className="mt-2 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
            {limits.map(([label, value]) => (
              <div key={label} className="flex justify-between gap-4 border-b border-slate-100 pb-1">
                <dt className="text-slate-600">{label}</dt>
                <dd className="font-medium tabular-nums">{value}</dd>
              </div>
            ))}
          </dl>
          <p className="mt-2 text-xs text-slate-500">
            Audit retention is the same on every plan: it is a compliance setting of the organization, under{" "}
            <a href={`/${orgSlug}/settings#retention-heading`} className="underline">
              Settings → Audit trail retention
            </a>
            .
          </p>
        </div>
      </div>
    </BillingCard>
  );
}
