import { asDate, ChartLegend, DayChart, DayChartTable, longDay } from "@/components/ui/day-chart";
import type { AttemptDay } from "@/lib/webhooks/schemas";

const OK_COLOR = "#0e9f6e";
const FAILED_COLOR = "#dc2626";

const percent = (succeeded: number, attempts: number) =>
  attempts === 0 ? "—" : `${Math.round((succeeded / attempts) * 1000) / 10}%`;

/**
 * An endpoint's success rate per UTC day: the bar is the day's success rate (0–100 %), green for the share
 * answered 2xx and red for the rest; a day without attempts has no bar. The table lists the counts.
 */
export function SuccessRateChart({ days }: { days: AttemptDay[] }) {
  const attempts = days.reduce((sum, day) => sum + day.attempts, 0);
  const succeeded = days.reduce((sum, day) => sum + day.succeeded, 0);
  const range = `${longDay.format(asDate(days[0].day))} to ${longDay.format(asDate(days.at(-1)!.day))}`;
  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-700">
        <span className="text-2xl font-semibold tabular-nums" data-testid="success-rate">
          {percent(succeeded, attempts)}
        </span>{" "}
        of {attempts} attempt{attempts === 1 ? "" : "s"} answered 2xx in the last 30 days.
      </p>
      {attempts === 0 ? (
        <p className="text-xs text-slate-600">No attempts yet: send a test event to see one.</p>
      ) : (
        <>
          <DayChart
            title="Delivery success rate per day"
            desc={
              `One bar per UTC day from ${range}: the share of attempts the receiver answered 2xx (green) and the ` +
              `share that failed (red). Overall ${percent(succeeded, attempts)} of ${attempts} attempts. ` +
              "The table below lists every day."
            }
            ids={{ title: "success-rate-title", desc: "success-rate-desc" }}
            testId="success-rate-chart"
            height={140}
            padLeft={44}
            fontSize={12}
            yMax={100}
            gridFractions={[0, 0.5, 1]}
            formatY={(value) => `${Math.round(value)}%`}
            days={days.map((day) => day.day)}
            dayTitle={(index) => {
              const day = days[index];
              const rate = percent(day.succeeded, day.attempts);
              return `${longDay.format(asDate(day.day))}: ${rate} (${day.succeeded} of ${day.attempts} attempts)`;
            }}
            isTick={(_, index) => index === 0 || index % 7 === 0}
            bars={(index, { x, width, bottom, scale }) => {
              const day = days[index];
              if (!day.attempts) return null;
              const okHeight = scale((day.succeeded / day.attempts) * 100);
              const failedHeight = scale(((day.attempts - day.succeeded) / day.attempts) * 100);
              const left = x + width * 0.15;
              const barWidth = Math.max(1, width * 0.7);
              return (
                <>
                  <rect x={left} y={bottom - okHeight} width={barWidth} height={okHeight} fill={OK_COLOR} />
                  <rect
                    x={left}
                    y={bottom - okHeight - failedHeight}
                    width={barWidth}
                    height={failedHeight}
                    fill={FAILED_COLOR}
                  />
                </>
              );
            }}
          />
          <ChartLegend
            items={[
              { key: "ok", label: "Answered 2xx", color: OK_COLOR },
              { key: "failed", label: "Failed", color: FAILED_COLOR },
            ]}
          />
        </>
      )}
      <DayChartTable
        caption="Webhook attempts per UTC day"
        columns={["Attempts", "Answered 2xx"]}
        rows={days.map((day) => ({ day: day.day, values: [day.attempts, day.succeeded] }))}
      />
    </div>
  );
}
