"use client";

import { useEffect, useId, useState } from "react";
import { asDate, ChartLegend, DayChart, DayChartTable, longDay } from "@/components/ui/day-chart";
import { AUDIT_CATEGORIES } from "@/lib/audit/event-catalog";
import { activitySeries, type ActivityDays, type ActivitySeries } from "./activity-series";

const DAYS = 90;

/** One colour per category, distinguishable side by side; unknown categories fall back to grey. */
const COLORS: Record<string, string> = {
  authentication: "#2f55d4",
  access: "#0e9f6e",
  credentials: "#d97706",
  api_keys: "#7c3aed",
  webhooks: "#0891b2",
  org_settings: "#db2777",
  billing: "#65a30d",
  privacy: "#9333ea",
  audit: "#475569",
  custom: "#ea580c",
};
const colorOf = (category: string) => COLORS[category] ?? "#94a3b8";

const plural = (count: number, one: string, many: string) =>
  `${count.toLocaleString("en")} ${count === 1 ? one : many}`;

function Bars({ series, titleId, descId }: { series: ActivitySeries; titleId: string; descId: string }) {
  const { days, busiest } = series;
  const range = `${longDay.format(asDate(days[0].day))} to ${longDay.format(asDate(days.at(-1)!.day))}`;
  const entries = (count: number) => plural(count, "entry", "entries");
  const busiestDay = busiest
    ? `, the busiest day ${longDay.format(asDate(busiest.day))} with ${entries(busiest.total)}`
    : "";
  return (
    <DayChart
      title={`Audit entries per day by category, last ${DAYS} days`}
      desc={`Stacked bars, one per UTC day from ${range}: ${entries(series.total)} in all${busiestDay}.`}
      ids={{ title: titleId, desc: descId }}
      testId="activity-chart"
      height={190}
      padLeft={36}
      fontSize={11}
      yMax={series.yMax}
      gridFractions={[0, 0.5, 1]}
      formatY={(value) => value.toLocaleString("en")}
      days={days.map((day) => day.day)}
      dayTitle={(index) => {
        const { day, total, segments } = days[index];
        const parts = segments.map((segment) => `${segment.category} ${segment.count}`).join(", ");
        return `${longDay.format(asDate(day))}: ${entries(total)}${parts ? ` (${parts})` : ""}`;
      }}
      // A tick on the 1st and 15th of each month keeps the axis readable at any width.
      isTick={(date) => date.getUTCDate() === 1 || date.getUTCDate() === 15}
      bars={(index, { x, width, bottom, scale }) => {
        const barWidth = Math.max(1, width * 0.72);
        let top = bottom;
        return days[index].segments.map((segment) => {
          const height = scale(segment.count);
          top -= height;
          const left = x + (width - barWidth) / 2;
          const fill = colorOf(segment.category);
          return (
            <rect key={segment.category} x={left} y={top} width={barWidth} height={Math.max(height, 0.5)} fill={fill} />
          );
        });
      }}
    />
  );
}

/** The same numbers for screen readers and anyone who cannot see the bars. */
function ActivityTable({ series }: { series: ActivitySeries }) {
  const countOf = (day: ActivitySeries["days"][number], category: string) =>
    day.segments.find((segment) => segment.category === category)?.count ?? 0;
  return (
    <DayChartTable
      caption="Audit entries per day by category (UTC days with at least one entry)"
      columns={[...series.categories, "Total"]}
      rows={series.days
        .filter((day) => day.total > 0)
        .map((day) => ({
          day: day.day,
          values: [...series.categories.map((category) => countOf(day, category)), day.total],
        }))}
    />
  );
}

type Load = { status: "loading" } | { status: "ready"; series: ActivitySeries } | { status: "error"; message: string };

/** Entries per day by category over the last 90 days, drawn as a stacked bar chart in plain SVG. */
export function ActivityChart({ orgSlug }: { orgSlug: string }) {
  const titleId = useId();
  const descId = useId();
  const [load, setLoad] = useState<Load>({ status: "loading" });

  useEffect(() => {
    const controller = new AbortController();
    fetch(`/api/orgs/${encodeURIComponent(orgSlug)}/audit-entries/activity?days=${DAYS}`, {
      signal: controller.signal,
      cache: "no-store",
    })
      .then(async (response) => {
        if (!response.ok) throw new Error(`The activity could not be loaded (${response.status}).`);
        const body = (await response.json()) as { days: ActivityDays };
        const today = new Date().toISOString().slice(0, 10);
        setLoad({
          status: "ready",
          series: activitySeries(body.days, { length: DAYS, today, order: AUDIT_CATEGORIES }),
        });
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted)
          setLoad({
            status: "error",
            message: error instanceof Error ? error.message : "The activity could not be loaded.",
          });
      });
    return () => controller.abort();
  }, [orgSlug]);

  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4" aria-busy={load.status === "loading"}>
      {load.status === "loading" ? (
        <div className="aspect-[1000/190] w-full animate-pulse rounded bg-slate-100">
          <span className="sr-only">Loading activity…</span>
        </div>
      ) : null}
      {load.status === "error" ? (
        <p role="alert" className="text-sm text-red-700">
          {load.message}
        </p>
      ) : null}
      {load.status === "ready" ? (
        <div className="space-y-3">
          <Bars series={load.series} titleId={titleId} descId={descId} />
          {load.series.categories.length ? (
            <ChartLegend
              items={load.series.categories.map((category) => ({
                key: category,
                label: category,
                color: colorOf(category),
              }))}
            />
          ) : (
            <p className="text-xs text-slate-500">No entries in the last {DAYS} days.</p>
          )}
          <ActivityTable series={load.series} />
        </div>
      ) : null}
    </div>
  );
}
