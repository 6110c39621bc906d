"use client";

import { useEffect, useId, useState } from "react";
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

const W = 1000;
const H = 190;
const PAD = { top: 10, right: 8, bottom: 24, left: 36 };
const PLOT_W = W - PAD.left - PAD.right;
const PLOT_H = H - PAD.top - PAD.bottom;

const dayLabel = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", timeZone: "UTC" });
const longDay = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });
const asDate = (day: string) => new Date(`${day}T00:00:00Z`);
const plural = (count: number, one: string, many: string) => `${count.toLocaleString("en")} ${count === 1 ? one : many}`;

function Bars({ series, titleId, descId }: { series: ActivitySeries; titleId: string; descId: string }) {
  const slot = PLOT_W / series.days.length;
  const barWidth = Math.max(1, slot * 0.72);
  const y = (count: number) => (count / series.yMax) * PLOT_H;
  const first = series.days[0].day;
  const last = series.days.at(-1)!.day;
  return (
    <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${titleId} ${descId}`} className="h-auto w-full" data-testid="activity-chart">
      <title id={titleId}>Audit entries per day by category, last {DAYS} days</title>
      <desc id={descId}>
        {`Stacked bars, one per UTC day from ${longDay.format(asDate(first))} to ${longDay.format(asDate(last))}: ${plural(series.total, "entry", "entries")} in all` +
          (series.busiest ? `, the busiest day ${longDay.format(asDate(series.busiest.day))} with ${plural(series.busiest.total, "entry", "entries")}.` : ".")}
      </desc>
      {[0, 0.5, 1].map((fraction) => {
        const lineY = PAD.top + PLOT_H - fraction * PLOT_H;
        return (
          <g key={fraction} aria-hidden>
            <line x1={PAD.left} x2={W - PAD.right} y1={lineY} y2={lineY} stroke="#e2e8f0" strokeWidth={1} />
            <text x={PAD.left - 6} y={lineY + 3.5} textAnchor="end" fontSize={11} fill="#64748b">
              {(series.yMax * fraction).toLocaleString("en")}
            </text>
          </g>
        );
      })}
      {series.days.map((day, index) => {
        const x = PAD.left + index * slot + (slot - barWidth) / 2;
        let top = PAD.top + PLOT_H;
        const date = asDate(day.day);
        // A tick on the 1st and 15th of each month keeps the axis readable at any width.
        const tick = date.getUTCDate() === 1 || date.getUTCDate() === 15;
        return (
          <g key={day.day}>
            <title>
              {`${longDay.format(date)}: ${plural(day.total, "entry", "entries")}` +
                (day.segments.length ? ` (${day.segments.map((segment) => `${segment.category} ${segment.count}`).join(", ")})` : "")}
            </title>
            {/* A full-height strip under each day, so the tooltip shows on quiet days too. */}
            <rect x={PAD.left + index * slot} y={PAD.top} width={slot} height={PLOT_H} fill="transparent" />
            {day.segments.map((segment) => {
              const height = y(segment.count);
              top -= height;
              return <rect key={segment.category} x={x} y={top} width={barWidth} height={Math.max(height, 0.5)} fill={colorOf(segment.category)} />;
            })}
            {tick ? (
              <text x={x + barWidth / 2} y={H - 8} textAnchor="middle" fontSize={11} fill="#64748b" aria-hidden>
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
function ActivityTable({ series }: { series: ActivitySeries }) {
  const active = series.days.filter((day) => day.total > 0);
  return (
    <table className="sr-only">
      <caption>Audit entries per day by category (UTC days with at least one entry)</caption>
      <thead>
        <tr>
          <th scope="col">Day</th>
          {series.categories.map((category) => (
            <th key={category} scope="col">
              {category}
            </th>
          ))}
          <th scope="col">Total</th>
        </tr>
      </thead>
      <tbody>
        {active.map((day) => (
          <tr key={day.day}>
            <th scope="row">{day.day}</th>
            {series.categories.map((category) => (
              <td key={category}>{day.segments.find((segment) => segment.category === category)?.count ?? 0}</td>
            ))}
            <td>{day.total}</td>
          </tr>
        ))}
      </tbody>
    </table>
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
    fetch(`/api/orgs/${encodeURIComponent(orgSlug)}/audit-entries/activity?days=${DAYS}`, { signal: controller.signal, cache: "no-store" })
      .then(async (response) => {
        if (!response.ok) throw new Error(`The activity could not be loaded (${response.status}).`);
        const body = (await response.json()) as { days: ActivityDays };
        const today = new Date().toISOString().slice(0, 10);
        setLoad({ status: "ready", series: activitySeries(body.days, { length: DAYS, today, order: AUDIT_CATEGORIES }) });
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setLoad({ status: "error", message: error instanceof Error ? error.message : "The activity could not be loaded." });
      });
    return () => controller.abort();
  }, [orgSlug]);

  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4" aria-busy={load.status === "loading"}>
      {load.status === "loading" ? <div className="aspect-[1000/190] w-full animate-pulse rounded bg-slate-100">
          <span className="sr-only">Loading activity…</span>
        </div> : null}
      {load.status === "error" ? (
        <p role="alert" className="text-sm text-red-700">
          {load.message}
        </p>
      ) : null}
      {load.status === "ready" ? (
        <div className="space-y-3">
          <Bars series={load.series} titleId={titleId} descId={descId} />
          {load.series.categories.length ? (
            <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600" aria-label="Legend">
              {load.series.categories.map((category) => (
                <li key={category} className="flex items-center gap-1.5">
                  <span aria-hidden className="inline-block h-2.5 w-2.5 rounded-sm" style={{ backgroundColor: colorOf(category) }} />
                  {category}
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-xs text-slate-500">No entries in the last {DAYS} days.</p>
          )}
          <ActivityTable series={load.series} />
        </div>
      ) : null}
    </div>
  );
}
