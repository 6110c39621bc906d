import { describe, expect, it } from "vitest";
import { activitySeries, niceCeiling } from "./activity-series";

const order = ["authentication", "access", "audit"];

describe("activity series", () => {
  it("spans exactly the window, ending today, with zero for the days the answer left out", () => {
    const series = activitySeries([{ day: "2026-11-24", counts: { access: 2 } }], {
      length: 3,
      today: "2026-11-25",
      order,
    });
    expect(series.days.map((day) => [day.day, day.total])).toEqual([
      ["2026-11-23", 0],
      ["2026-11-24", 2],
      ["2026-11-25", 0],
    ]);
  });

  it("stacks categories in their usual order and lists only those with entries", () => {
    const series = activitySeries(
      [{ day: "2026-11-25", counts: { audit: 1, authentication: 3, access: 0, webhooks: 2 } }],
      { length: 1, today: "2026-11-25", order },
    );
    expect(series.categories).toEqual(["authentication", "audit", "webhooks"]);
    expect(series.days[0].segments).toEqual([
      { category: "authentication", count: 3 },
      { category: "audit", count: 1 },
      { category: "webhooks", count: 2 },
    ]);
    expect(series.total).toBe(6);
    expect(series.busiest?.day).toBe("2026-11-25");
  });

  it("rounds the axis up to 1, 2 or 5 times a power of ten", () => {
    expect([0, 1, 3, 7, 12, 230, 1000].map(niceCeiling)).toEqual([1, 1, 5, 10, 20, 500, 1000]);
  });
});
