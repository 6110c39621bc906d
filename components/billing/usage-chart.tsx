import { asDate, ChartLegend, ColorSwatch, DayChart, DayChartTable, longDay } from "@/components/ui/day-chart";
import { BillingCard } from "./card";
import { count } from "./format";
import type { UsageDays, UsageMetric } from "./types";

const METRICS: { metric: UsageMetric; label: string; color: string }[] = [
  { metric: "ingested_events", label: "Ingested events", color: "#2f55d4" },
  { metric: "api_requests", label: "API requests", color: "#0e9f6e" },
  { metric: "webhook_deliveries", label: "Webhook deliveries", color: "#d97706" },
];

/** A round axis maximum (1, 2 or 5 × 10ⁿ) at or above the largest daily count. */
function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((step) => step * power).find((candidate) => candidate >= value)!;
}

const perMetric = (counts: Record<UsageMetric, number>) =>
  METRICS.map(({ metric, label }) => `${label.toLowerCase()} ${count(counts[metric])}`).join(", ");

function Bars({ days }: { days: UsageDays }) {
  const yMax = niceMax(Math.max(0, ...days.flatMap((entry) => METRICS.map(({ metric }) => entry.counts[metric]))));
  const sum = (metric: UsageMetric) => days.reduce((total, entry) => total + entry.counts[metric], 0);
  const sums = Object.fromEntries(METRICS.map(({ metric }) => [metric, sum(metric)])) as Record<UsageMetric, number>;
  const range = `${longDay.format(asDate(days[0].day))} to ${longDay.format(asDate(days.at(-1)!.day))}`;
  return (
    <DayChart
      title="Usage per day this billing period"
      desc={
        `Grouped bars, one group per UTC day from ${range}, one bar per metric. ` +
        `Totals: ${perMetric(sums)}. The table below lists every day.`
      }
      ids={{ title: "usage-chart-title", desc: "usage-chart-desc" }}
      testId="usage-chart"
      height={200}
      padLeft={48}
      fontSize={12}
      yMax={yMax}
      gridFractions={yMax < 2 ? [0, 1] : [0, 0.5, 1]}
      formatY={count}
      days={days.map((entry) => entry.day)}
      dayTitle={(index) => `${longDay.format(asDate(days[index].day))}: ${perMetric(days[index].counts)}`}
      isTick={(_, index) => index === 0 || index % 7 === 0}
      bars={(index, { x, width, bottom, scale }) => {
        const barWidth = Math.max(1, (width * 0.8) / METRICS.length);
        return METRICS.map(({ metric, color }, metricIndex) => {
          const value = days[index].counts[metric];
          if (!value) return null;
          const height = Math.max(scale(value), 1);
          const left = x + width * 0.1 + metricIndex * barWidth;
          return <rect key={metric} x={left} y={bottom - height} width={barWidth} height={height} fill={color} />;
        });
      }}
    />
  );
}

/** Usage this period: a total per metric (events against the plan's allowance), and a daily grouped bar chart in plain SVG. */
export function UsageCard({
  totals,
  days,
  includedEvents,
}: {
  totals: Record<UsageMetric, number>;
  days: UsageDays;
  includedEvents: number;
}) {
  return (
    <BillingCard title="Usage this period" id="usage">
      <div className="space-y-4">
        <dl className="grid gap-3 sm:grid-cols-3">
          {METRICS.map(({ metric, label, color }) => (
            <div key={metric} className="rounded-md border border-slate-200 px-3 py-2">
              <dt className="flex items-center gap-1.5 text-xs text-slate-500">
                <ColorSwatch color={color} />
                {label}
              </dt>
              <dd className="text-xl font-semibold tabular-nums" data-testid={`usage-${metric}`}>
                {count(totals[metric])}
              </dd>
              {metric === "ingested_events" ? (
                <dd className="text-xs text-slate-500">of {count(includedEvents)} included</dd>
              ) : null}
            </div>
          ))}
        </dl>
        {days.length ? <Bars days={days} /> : null}
        {METRICS.every(({ metric }) => totals[metric] === 0) ? (
          <p className="text-xs text-slate-500">
            Nothing metered yet this period. Events recorded through the API, API requests and webhook deliveries show
            here per day.
          </p>
        ) : (
          <ChartLegend items={METRICS.map(({ metric, label, color }) => ({ key: metric, label, color }))} />
        )}
        <DayChartTable
          caption="Usage per UTC day this billing period"
          columns={METRICS.map(({ label }) => label)}
          rows={days.map((entry) => ({ day: entry.day, values: METRICS.map(({ metric }) => entry.counts[metric]) }))}
        />
      </div>
    </BillingCard>
  );
}
