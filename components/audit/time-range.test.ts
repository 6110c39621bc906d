import { describe, expect, it } from "vitest";
import { parseAuditQuery } from "@/lib/audit/search/parse-audit-query";
import { displayZoneOf, formatInstant, instantOfWallTime } from "./display-time";
import { customCreatedValue, presetCreatedValue, wallRangeOf } from "./time-range";

const createdOf = (value: string) => {
  const [term] = parseAuditQuery(`created:${value}`).terms;
  if (term.field !== "created") throw new Error("not a created term");
  return term;
};

describe("one time policy", () => {
  it("formats an instant the same way everywhere, in UTC or in the chosen zone", () => {
    // The case: an entry at 01:18 UTC on 5 December shows 5 December in UTC, 4 December in New York.
    expect(formatInstant("2026-12-05T01:18:07.123456Z", "UTC")).toBe("2026-12-05 01:18:07");
    expect(formatInstant("2026-12-05T01:18:07.123456Z", "America/New_York")).toBe("2026-12-04 20:18:07");
    expect(formatInstant("2026-07-01T00:00:00Z", "Europe/London")).toBe("2026-07-01 01:00:00");
  });

  it("accepts only zones Intl knows from the cookie, else UTC", () => {
    expect(displayZoneOf("Europe/Paris")).toBe("Europe/Paris");
    expect(displayZoneOf("Mars/Olympus")).toBe("UTC");
    expect(displayZoneOf('"; drop')).toBe("UTC");
    expect(displayZoneOf(undefined)).toBe("UTC");
  });

  it("reads a wall time in a zone as its instant, across a DST change", () => {
    expect(instantOfWallTime("2026-12-04T20:18", "America/New_York")).toBe("2026-12-05T01:18:00Z");
    expect(instantOfWallTime("2026-07-04T20:18", "America/New_York")).toBe("2026-07-05T00:18:00Z");
    expect(instantOfWallTime("2026-12-04T20:18", "UTC")).toBe("2026-12-04T20:18:00Z");
    expect(instantOfWallTime("yesterday", "UTC")).toBeNull();
  });
});

describe("the range picker writes created: qualifiers the search reads back", () => {
  const now = Date.parse("2026-12-07T06:41:30.500Z");

  it("turns a preset into a fixed start", () => {
    expect(presetCreatedValue("1h", now)).toBe(">=2026-12-07T05:41:30Z");
    expect(presetCreatedValue("30d", now)).toBe(">=2026-11-07T06:41:30Z");
    expect(createdOf(presetCreatedValue("24h", now))).toMatchObject({
      since: "2026-12-06T06:41:30.000000Z",
      until: null,
    });
  });

  it("turns a custom range in the shown zone into UTC instants, and shows it back the same", () => {
    const value = customCreatedValue("2026-12-04T20:00", "2026-12-04T21:30", "America/New_York")!;
    expect(value).toBe("2026-12-05T01:00:00Z..2026-12-05T02:30:00Z");
    const term = createdOf(value);
    expect(wallRangeOf(term.since!, term.until!, "America/New_York")).toEqual({
      from: "2026-12-04T20:00",
      to: "2026-12-04T21:30",
    });
    expect(customCreatedValue("", "", "UTC")).toBeNull();
    expect(customCreatedValue("2026-12-01T00:00", "", "UTC")).toBe(">=2026-12-01T00:00:00Z");
  });

  it("shows a whole day as its first and last minute", () => {
    const term = createdOf("2026-12-05");
    expect(wallRangeOf(term.since!, term.until!, "UTC")).toEqual({ from: "2026-12-05T00:00", to: "2026-12-05T23:59" });
  });
});
