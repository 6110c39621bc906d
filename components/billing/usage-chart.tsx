import { BillingCard } from "./card";
import { count } from "./format";
import type { UsageDays, UsageMetric } from "./types";

const METRICS: { metric: UsageMetric; label: string; color: string }[] = [
  { metric: "ingested_events", label: "Ingested events", color: "#2f55d4" },
  { metric: "api_requests", label: "API requests", color: "#0e9f6e" },
  { metric: "webhook_deliveries", label: "Webhook deliveries", color: "#d97706" },
];

const W = 1000;
const H = 200;
const PAD = { top: 10, right: 8, bottom: 24, left: 48 };
const PLOT_W = W - PAD.left - PAD.right;
const PLOT_H = H - PAD.top - PAD.bottom;

const dayLabel = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", timeZone: "UTC" });
const longDay = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });
const asDate = (value: string) => new Date(`${value}T00:00:00Z`);

/** A round axis maximum (1, 2 or 5 × 10ⁿ) at or above the largest daily count. */
function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((step) => step * power).find((candidate) => candidate >= value)!;
}

function Bars({ days }: { days: UsageDays }) {
  const yMax = niceMax(Math.max(0, ...days.flatMap((entry) => METRICS.map(({ metric }) => entry.counts[metric]))));
  const slot = PLOT_W / days.length;
  const barWidth = Math.max(1, (slot * 0.8) / METRICS.length);
  const totals = METRICS.map(({ metric, label }) => `${label.toLowerCase()} ${count(days.reduce((sum, entry) => sum + entry.counts[metric], 0))}`).join(", ");
  return (
    <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="usage-chart-title usage-chart-desc" className="h-auto w-full" data-testid="usage-chart">
      <title id="usage-chart-title">Usage per day this billing period</title>
      <desc id="usage-chart-desc">
        {`Grouped bars, one group per UTC day from ${longDay.format(asDate(days[0].day))} to ${longDay.format(asDate(days.at(-1)!.day))}, one bar per metric. Totals: ${totals}. The table below lists every day.`}
      </desc>
      {(yMax < 2 ? [0, 1] : [0, 0.5, 1]).map((fraction) => {
        const lineY = PAD.top + PLOT_H - fraction * PLOT_H;
        return (
          <g key={fraction} aria-hidden>
            <line x1={PAD.left} x2={W - PAD.right} y1={lineY} y2={lineY} stroke="#e2e8f0" strokeWidth={1} />
            <text x={PAD.left - 6} y={lineY + 3.5} textAnchor="end" fontSize={12} fill="#64748b">
              {count(yMax * fraction)}
            </text>
          </g>
        );
      })}
      {days.map((entry, index) => {
        const groupX = PAD.left + index * slot + slot * 0.1;
        const date = asDate(entry.day);
        const tick = index === 0 || index % 7 === 0;
        return (
          <g key={entry.day}>
            <title>{`${longDay.format(date)}: ${METRICS.map(({ metric, label }) => `${label.toLowerCase()} ${count(entry.counts[metric])}`).join(", ")}`}</title>
            <rect x={PAD.left + index * slot} y={PAD.top} width={slot} height={PLOT_H} fill="transparent" />
            {METRICS.map(({ metric, color }, metricIndex) => {
              const value = entry.counts[metric];
              if (!value) return null;
              const height = Math.max((value / yMax) * PLOT_H, 1);
              return <rect key={metric} x={groupX + metricIndex * barWidth} y={PAD.top + PLOT_H - height} width={barWidth} height={height} fill={color} />;
            })}
            {tick ? (
              <text x={PAD.left + index * slot + slot / 2} y={H - 8} textAnchor="middle" fontSize={12} fill="#64748b" aria-hidden>
                {dayLabel.format(date)}
              </text>
            ) : null}
          </g>
        );
      })}
      <line x1={PAD.left} x2={W - PAD.right} y1={PAD.top + PLOT_H} y2={PAD.top + PLOT_H} stroke="#94a3b8" strokeWidth={1} aria-hidden />
    </svg>
  );
}

/** The same numbers for screen readers and anyone who cannot see the bars. */
function UsageTable({ days }: { days: UsageDays }) {
  return (
    <table className="sr-only">
      <caption>Usage per UTC day this billing period</caption>
      <thead>
        <tr>
          <th scope="col">Day</th>
          {METRICS.map(({ metric, label }) => (
            <th key={metric} scope="col">
              {label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {days.map((entry) => (
          <tr key={entry.day}>
            <th scope="row">{entry.day}</th>
            {METRICS.map(({ metric }) => (
              <td key={metric}>{entry.counts[metric]}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Usage this period: a total per metric (events against the plan's allowance), and a daily grouped bar chart in plain SVG. */
export function UsageCard({ totals, days, includedEvents }: { totals: Record<UsageMetric, number>; days: UsageDays; includedEvents: number }) {
  return (
    <BillingCard title="Usage this period" id="usage">
      <div className="space-y-4">
        <dl className="grid gap-3 sm:grid-cols-3">
          {METRICS.map(({ metric, label, color }) => (
            <div key={metric} className="rounded-md border border-slate-200 px-3 py-2">
              <dt className="flex items-center gap-1.5 text-xs text-slate-500">
                <span aria-hidden className="inline-block h-2.5 w-2.5 rounded-sm" style={{ backgroundColor: color }} />
                {label}
              </dt>
              <dd className="text-xl font-semibold tabular-nums" data-testid={`usage-${metric}`}>
                {count(totals[metric])}
              </dd>
              {metric === "ingested_events" ? <dd className="text-xs text-slate-500">of {count(includedEvents)} included</dd> : null}
            </div>
          ))}
        </dl>
        {days.length ? <Bars days={days} /> : null}
        {METRICS.every(({ metric }) => totals[metric] === 0) ? (
          <p className="text-xs text-slate-500">Nothing metered yet this period. Events recorded through the API, API requests and webhook deliveries show here per day.</p>
        ) : (
          <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600" aria-label="Legend">
            {METRICS.map(({ metric, label, color }) => (
              <li key={metric} className="flex items-center gap-1.5">
                <span aria-hidden className="inline-block h-2.5 w-2.5 rounded-sm" style={{ backgroundColor: color }} />
                {label}
              </li>
            ))}
          </ul>
        )}
        <UsageTable days={days} />
      </div>
    </BillingCard>
  );
}
