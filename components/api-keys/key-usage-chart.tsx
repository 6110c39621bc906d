import { asDate, ChartLegend, DayChart, DayChartTable, longDay } from "@/components/ui/day-chart";
import type { KeyUsageDay } from "@/lib/api-keys/api-key-detail-types";

const OK_COLOR = "#0e9f6e";
const ERROR_COLOR = "#dc2626";

function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((step) => step * power).find((candidate) => candidate >= value)!;
}

const described = ({ requests, errors }: KeyUsageDay) =>
  `${requests} request${requests === 1 ? "" : "s"}, ${errors} error${errors === 1 ? "" : "s"}`;

/** A key's requests per UTC day (stacked: answered below 400, errors above), from its request log. */
export function KeyUsageChart({ usage }: { usage: KeyUsageDay[] }) {
  const total = usage.reduce((sum, day) => sum + day.requests, 0);
  const errors = usage.reduce((sum, day) => sum + day.errors, 0);
  const yMax = niceMax(Math.max(0, ...usage.map((day) => day.requests)));
  const range = `${longDay.format(asDate(usage[0].day))} to ${longDay.format(asDate(usage.at(-1)!.day))}`;
  return (
    <div className="space-y-2">
      <DayChart
        title="Requests per day with this key"
        desc={
          `Stacked bars, one per UTC day from ${range}: successful requests, and errors (status 400 and above) ` +
          `on top. Total: ${total} requests, ${errors} errors. The table below lists every day.`
        }
        ids={{ title: "key-usage-title", desc: "key-usage-desc" }}
        testId="key-usage-chart"
        height={160}
        padLeft={40}
        fontSize={12}
        yMax={yMax}
        gridFractions={yMax < 2 ? [0, 1] : [0, 0.5, 1]}
        formatY={(value) => (Number.isInteger(value) ? String(value) : value.toFixed(1))}
        days={usage.map((day) => day.day)}
        dayTitle={(index) => `${longDay.format(asDate(usage[index].day))}: ${described(usage[index])}`}
        isTick={(_, index) => index === 0 || index % 7 === 0}
        bars={(index, { x, width, bottom, scale }) => {
          const { requests, errors: failed } = usage[index];
          if (!requests) return null;
          const ok = requests - failed;
          const okHeight = ok ? Math.max(scale(ok), 1) : 0;
          const errorHeight = failed ? Math.max(scale(failed), 1) : 0;
          const left = x + width * 0.15;
          const barWidth = Math.max(1, width * 0.7);
          return (
            <>
              {ok ? <rect x={left} y={bottom - okHeight} width={barWidth} height={okHeight} fill={OK_COLOR} /> : null}
              {failed ? (
                <rect
                  x={left}
                  y={bottom - okHeight - errorHeight}
                  width={barWidth}
                  height={errorHeight}
                  fill={ERROR_COLOR}
                />
              ) : null}
            </>
          );
        }}
      />
      <ChartLegend
        items={[
          { key: "ok", label: "Succeeded", color: OK_COLOR },
          { key: "error", label: "Errors (4xx, 5xx)", color: ERROR_COLOR },
        ]}
      />
      <DayChartTable
        caption="Requests with this key per UTC day"
        columns={["Requests", "Errors"]}
        rows={usage.map((day) => ({ day: day.day, values: [day.requests, day.errors] }))}
      />
    </div>
  );
}
