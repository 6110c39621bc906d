/**
 * A bar chart of UTC days in plain SVG (no chart library): grid lines with their values, one slot per
 * day with a tooltip over its full height, date ticks, and the same numbers in a table for screen readers.
 */
const W = 1000;
const PAD = { top: 10, right: 8, bottom: 24 };

const dayLabel = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", timeZone: "UTC" });
export const longDay = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });
export const asDate = (day: string) => new Date(`${day}T00:00:00Z`);

/** Where one day's bars go: its slot, and the plot's bottom and height (bars grow up from the bottom). */
export type DaySlot = { x: number; width: number; bottom: number; scale: (value: number) => number };

type Props = {
  /** Accessible name and description of the picture, and the test id of the <svg>. */
  title: string;
  desc: string;
  ids: { title: string; desc: string };
  testId: string;
  height: number;
  /** Room on the left for the axis values. */
  padLeft: number;
  fontSize: number;
  yMax: number;
  gridFractions: number[];
  formatY: (value: number) => string;
  /** The days, "YYYY-MM-DD", oldest first. */
  days: string[];
  dayTitle: (index: number) => string;
  isTick: (date: Date, index: number) => boolean;
  bars: (index: number, slot: DaySlot) => React.ReactNode;
};

export function DayChart(props: Props) {
  const {
    title,
    desc,
    ids,
    testId,
    height,
    padLeft,
    fontSize,
    yMax,
    gridFractions,
    formatY,
    days,
    dayTitle,
    isTick,
    bars,
  } = props;
  const plotW = W - padLeft - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  const bottom = PAD.top + plotH;
  const slot = plotW / days.length;
  const scale = (value: number) => (value / yMax) * plotH;
  const text = { fontSize, fill: "#64748b" };
  return (
    <svg
      viewBox={`0 0 ${W} ${height}`}
      role="img"
      aria-labelledby={`${ids.title} ${ids.desc}`}
      className="h-auto w-full"
      data-testid={testId}
    >
      <title id={ids.title}>{title}</title>
      <desc id={ids.desc}>{desc}</desc>
      {gridFractions.map((fraction) => {
        const lineY = bottom - fraction * plotH;
        return (
          <g key={fraction} aria-hidden>
            <line x1={padLeft} x2={W - PAD.right} y1={lineY} y2={lineY} stroke="#e2e8f0" strokeWidth={1} />
            <text x={padLeft - 6} y={lineY + 3.5} textAnchor="end" {...text}>
              {formatY(yMax * fraction)}
            </text>
          </g>
        );
      })}
      {days.map((day, index) => {
        const x = padLeft + index * slot;
        const date = asDate(day);
        return (
          <g key={day}>
            <title>{dayTitle(index)}</title>
            {/* A full-height strip under each day, so the tooltip shows on quiet days too. */}
            <rect x={x} y={PAD.top} width={slot} height={plotH} fill="transparent" />
            {bars(index, { x, width: slot, bottom, scale })}
            {isTick(date, index) ? (
              <text x={x + slot / 2} y={height - 8} textAnchor="middle" {...text} aria-hidden>
                {dayLabel.format(date)}
              </text>
            ) : null}
          </g>
        );
      })}
      <line x1={padLeft} x2={W - PAD.right} y1={bottom} y2={bottom} stroke="#94a3b8" strokeWidth={1} aria-hidden />
    </svg>
  );
}

/** The colour key of a chart. */
export function ChartLegend({ items }: { items: { key: string; label: string; color: string }[] }) {
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600" aria-label="Legend">
      {items.map(({ key, label, color }) => (
        <li key={key} className="flex items-center gap-1.5">
          <ColorSwatch color={color} />
          {label}
        </li>
      ))}
    </ul>
  );
}

export function ColorSwatch({ color }: { color: string }) {
  return <span aria-hidden className="inline-block h-2.5 w-2.5 rounded-sm" style={{ backgroundColor: color }} />;
}

/** The chart's numbers for screen readers and anyone who cannot see the bars: a row per day. */
type TableProps = { caption: string; columns: string[]; rows: { day: string; values: number[] }[] };

export function DayChartTable({ caption, columns, rows }: TableProps) {
  // sr-only on the <table> itself hid nothing from layout: a table ignores height: 1px and overflow, so a
  // month of rows stretched the page by ~1,200 px of blank scroll. A block wrapper clips it.
  return (
    <div className="sr-only">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ day, values }) => (
            <tr key={day}>
              <th scope="row">{day}</th>
              {values.map((value, index) => (
                <td key={columns[index]}>{value}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
