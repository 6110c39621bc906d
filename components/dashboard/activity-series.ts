/** The activity route's answer: entries per UTC day, by category. Days without entries may be left out. */
export type ActivityDays = { day: string; counts: Record<string, number> }[];

export type ActivityDay = { day: string; total: number; segments: { category: string; count: number }[] };
export type ActivitySeries = {
  days: ActivityDay[];
  categories: string[];
  total: number;
  busiest: ActivityDay | null;
  yMax: number;
};

const DAY_MS = 86_400_000;
const dayAt = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The smallest 1, 2 or 5 × 10ⁿ at or above `value`: a y axis with round numbers. */
export function niceCeiling(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * magnitude >= value) return step * magnitude;
  return 10 * magnitude;
}

/**
 * Exactly `length` consecutive UTC days ending today (or on the last day reported, if later), with
 * categories in the order given and zero for a day the answer left out. Categories with no entries
 * in the window are left out of the legend.
 */
export function activitySeries(
  reported: ActivityDays,
  { length, today, order }: { length: number; today: string; order: readonly string[] },
): ActivitySeries {
  const byDay = new Map(reported.map((entry) => [entry.day, entry.counts]));
  const lastReported = reported.reduce((latest, entry) => (entry.day > latest ? entry.day : latest), today);
  const end = Date.parse(`${lastReported}T00:00:00Z`);
  const seen = new Set<string>();
  for (const { counts } of reported)
    for (const [category, count] of Object.entries(counts)) if (count > 0) seen.add(category);
  // Known categories in their usual order, then any the chart has not heard of.
  const categories = [
    ...order.filter((category) => seen.has(category)),
    ...[...seen].filter((category) => !order.includes(category)).sort(),
  ];

  const days: ActivityDay[] = [];
  for (let i = length - 1; i >= 0; i--) {
    const day = dayAt(end - i * DAY_MS);
    const counts = byDay.get(day) ?? {};
    const segments = categories
      .map((category) => ({ category, count: counts[category] ?? 0 }))
      .filter((segment) => segment.count > 0);
    days.push({ day, total: segments.reduce((sum, segment) => sum + segment.count, 0), segments });
  }
  const busiest = days.reduce<ActivityDay | null>((top, day) => (day.total > (top?.total ?? 0) ? day : top), null);
  return {
    days,
    categories,
    total: days.reduce((sum, day) => sum + day.total, 0),
    busiest,
    yMax: niceCeiling(busiest?.total ?? 0),
  };
}
