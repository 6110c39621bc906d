import { describe, expect, it } from "vitest";
import { searchReachesArchive, utcMinute } from "./archive-reach";
import { checkQuery } from "./query-facets";

const archived = {
  throughSeq: "1280",
  lastArchivedAt: "2026-09-30T23:59:00.000Z",
  segments: 3,
  firstHotAt: "2026-10-01T08:00:00.000Z",
};
const reaches = (q: string, range: typeof archived | null = archived) => {
  const check = checkQuery(q);
  if (!check.ok) throw new Error(check.message);
  return searchReachesArchive(check.terms, range);
};

describe("a search's date range and the archive", () => {
  it("reaches into the archive when it starts before the first hot entry, or is open towards the oldest", () => {
    expect(reaches("created:2026-09-01..2026-10-15")).toBe(true);
    expect(reaches("created:<2026-11-01")).toBe(true);
    expect(reaches("created:>=2026-10-02 created:>=2026-09-15")).toBe(false); // ANDed: starts on 2 October
    expect(reaches("action:member.* created:>=2026-09-15")).toBe(true);
  });

  it("does not when it starts after it, when there is no date range, or when nothing is archived", () => {
    expect(reaches("created:>=2026-10-02")).toBe(false);
    expect(reaches("action:member.*")).toBe(false);
    expect(reaches("-created:>=2026-10-02")).toBe(false);
    expect(reaches("created:2026-09-01..2026-10-15", null)).toBe(false);
  });

  it("names instants to the minute in UTC", () => {
    expect(utcMinute("2026-10-01T08:00:59.123Z")).toBe("2026-10-01 08:00 UTC");
  });
});
