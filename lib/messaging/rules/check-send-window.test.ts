import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, test } from "vitest";
import { applicableRules } from "./applicable-rules";
import { checkSendWindow } from "./check-send-window";
import { resolveTimeZones } from "./resolve-time-zones";
import { RULES } from "./rules-table";
import type { MessagingRule, WindowResult } from "./types";

const ET = "America/New_York";
const CT = "America/Chicago";
const PT = "America/Los_Angeles";

/** A wall-clock time in a zone as a Date ("2027-03-10T07:59"). */
const at = (local: string, zone: string) => DateTime.fromISO(local, { zone }).toJSDate();
/** A Date as wall-clock time in a zone ("2027-03-10T08:00"). */
const wall = (date: Date | undefined, zone: string) =>
  date ? DateTime.fromJSDate(date, { zone }).toFormat("yyyy-MM-dd'T'HH:mm") : "none";
const marketing = (state: string | null, campaignStates: string[] = []) =>
  applicableRules({ state, campaignStates, purpose: "marketing" });
const check = (now: Date, zones: string[], rules: MessagingRule[]) => checkSendWindow({ now, zones, rules });
const blocked = (result: WindowResult) => {
  if (result.ok) throw new Error("expected a block");
  return result;
};

// 2027-03-10 is a Wednesday: no Sunday, no holiday, no DST change.
describe("each window at its exact minute boundaries, in the recipient's zone", () => {
  const cases: {
    name: string;
    state: string | null;
    purpose: "marketing" | "informational";
    zone: string;
    start: string;
    end: string;
  }[] = [
    {
      name: "federal floor (informational)",
      state: "CA",
      purpose: "informational",
      zone: PT,
      start: "08:00",
      end: "21:00",
    },
    {
      name: "federal floor (marketing, no state rule)",
      state: "NY",
      purpose: "marketing",
      zone: ET,
      start: "08:00",
      end: "21:00",
    },
    { name: "Florida", state: "FL", purpose: "marketing", zone: ET, start: "08:00", end: "20:00" },
    { name: "Oklahoma", state: "OK", purpose: "marketing", zone: CT, start: "08:00", end: "20:00" },
    { name: "Maryland", state: "MD", purpose: "marketing", zone: ET, start: "08:00", end: "20:00" },
    { name: "Connecticut", state: "CT", purpose: "marketing", zone: ET, start: "09:00", end: "20:00" },
    { name: "Mississippi", state: "MS", purpose: "marketing", zone: CT, start: "08:00", end: "20:00" },
    { name: "Alabama", state: "AL", purpose: "marketing", zone: CT, start: "08:00", end: "20:00" },
    { name: "Louisiana", state: "LA", purpose: "marketing", zone: CT, start: "08:00", end: "20:00" },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const rules = applicableRules({ state: c.state, campaignStates: [], purpose: c.purpose });
      const day = "2027-03-10";
      const minuteBefore = (hhmm: string) => DateTime.fromISO(`${day}T${hhmm}`).minus({ minutes: 1 }).toFormat("HH:mm");

      const early = blocked(check(at(`${day}T${minuteBefore(c.start)}`, c.zone), [c.zone], rules));
      expect(early.reason).toBe("outside_hours");
      expect(wall(early.sendAfter, c.zone)).toBe(`${day}T${c.start}`);

      expect(check(at(`${day}T${c.start}`, c.zone), [c.zone], rules).ok).toBe(true);
      expect(check(at(`${day}T${minuteBefore(c.end)}`, c.zone), [c.zone], rules).ok).toBe(true);
      expect(check(at(`${day}T${minuteBefore(c.end)}:59.999`, c.zone), [c.zone], rules).ok).toBe(true);

      const late = blocked(check(at(`${day}T${c.end}`, c.zone), [c.zone], rules));
      expect(late.reason).toBe("outside_hours");
      expect(wall(late.sendAfter, c.zone)).toBe(`2027-03-11T${c.start}`);
    });
  }

  test("the same instant is allowed in one zone and blocked in another: local time is the recipient's", () => {
    const now = at("2027-03-10T20:30", ET); // 17:30 in Los Angeles
    expect(check(now, [PT], marketing("FL")).ok).toBe(true);
    const result = blocked(check(now, [ET], marketing("FL")));
    expect(result.ruleIds).toEqual(["fl-telemarketing"]);
    expect(result.local).toEqual([{ zone: ET, time: "2027-03-10T20:30:00.000-05:00" }]);
  });
});

describe("DST days land on a real permitted minute", () => {
  test("spring forward (2027-03-14, New York): from the night before to 08:00 EDT", () => {
    const result = blocked(check(at("2027-03-14T01:59", ET), [ET], marketing("NY")));
    expect(result.sendAfter?.toISOString()).toBe("2027-03-14T12:00:00.000Z");
    expect(result.sendAfterLocal).toEqual([{ zone: ET, time: "2027-03-14T08:00:00.000-04:00" }]);
  });

  test("spring forward: a window end on the short day is still wall-clock 21:00", () => {
    expect(check(at("2027-03-14T20:59", ET), [ET], marketing("NY")).ok).toBe(true);
    const late = blocked(check(at("2027-03-14T21:00", ET), [ET], marketing("NY")));
    expect(wall(late.sendAfter, ET)).toBe("2027-03-15T08:00");
  });

  test("a window start inside the skipped hour opens at the transition (03:00 EDT), never at a wall time that does not exist", () => {
    const rule: MessagingRule = {
      id: "test-0230",
      jurisdiction: "US",
      appliesTo: ["marketing"],
      window: { start: "02:30", end: "05:00" },
      statute: "test",
    };
    const result = blocked(check(at("2027-03-14T01:00", ET), [ET], [rule]));
    expect(result.sendAfter?.toISOString()).toBe("2027-03-14T07:00:00.000Z");
    expect(result.sendAfterLocal?.[0].time).toBe("2027-03-14T03:00:00.000-04:00");
    expect(check(result.sendAfter as Date, [ET], [rule]).ok).toBe(true);
  });

  test("fall back (2027-11-07, New York): the repeated hour is still night; 08:00 EST is 13:00 UTC", () => {
    const firstPass = new Date("2027-11-07T05:30:00Z"); // 01:30 EDT
    const secondPass = new Date("2027-11-07T06:30:00Z"); // 01:30 EST
    for (const now of [firstPass, secondPass]) {
      const result = blocked(check(now, [ET], marketing("FL")));
      expect(result.sendAfter?.toISOString()).toBe("2027-11-07T13:00:00.000Z");
    }
    const evening = blocked(check(at("2027-11-06T20:00", ET), [ET], marketing("FL")));
    expect(evening.sendAfter?.toISOString()).toBe("2027-11-07T13:00:00.000Z"); // a 25-hour night
    expect(check(at("2027-11-07T19:59", ET), [ET], marketing("FL")).ok).toBe(true);
    expect(check(at("2027-11-07T20:00", ET), [ET], marketing("FL")).ok).toBe(false);
  });

  test("Arizona keeps no DST: 08:00 MST is 15:00 UTC in March and in July", () => {
    for (const day of ["2027-03-15", "2027-07-15"]) {
      const result = blocked(check(at(`${day}T07:00`, "America/Phoenix"), ["America/Phoenix"], marketing("NY")));
      expect(result.sendAfter?.toISOString()).toBe(`${day}T15:00:00.000Z`);
    }
  });
});

describe("ambiguous zones take the strictest window", () => {
  test("a Florida panhandle number (850, state FL): 08:00–20:00 must hold in Eastern and Central", async () => {
    const { zones, ambiguous } = await resolveTimeZones({ e164: "+18505550123", state: "FL" });
    expect(ambiguous).toBe(true);
    expect([...zones].sort()).toEqual([CT, ET]);
    const rules = marketing("FL");
    const early = blocked(check(at("2027-03-10T08:30", ET), zones, rules)); // 07:30 in Pensacola
    expect(wall(early.sendAfter, ET)).toBe("2027-03-10T09:00");
    expect(wall(early.sendAfter, CT)).toBe("2027-03-10T08:00");
    expect(check(at("2027-03-10T18:59", CT), zones, rules).ok).toBe(true);
    const late = blocked(check(at("2027-03-10T19:00", CT), zones, rules)); // 20:00 in Tallahassee
    expect(late.local.map((local) => local.time)).toContain("2027-03-10T20:00:00.000-05:00");
    expect(wall(late.sendAfter, ET)).toBe("2027-03-11T09:00");
  });

  test("a southern Indiana number (812, state IN) and a western Kentucky one (270, KY) are ambiguous too", async () => {
    for (const place of [
      { e164: "+18125550123", state: "IN" },
      { e164: "+12705550123", state: "KY" },
    ]) {
      const { zones } = await resolveTimeZones(place);
      const result = blocked(check(at("2027-03-10T07:30", CT), zones, marketing(place.state)));
      expect(wall(result.sendAfter, ET)).toBe("2027-03-10T09:00");
    }
  });
});

test("an unknown time zone blocks without a sendAfter", () => {
  for (const zones of [[], ["Mars/Olympus_Mons"], [ET, "Not/A_Zone"]]) {
    const result = blocked(check(at("2027-03-10T12:00", ET), zones, marketing("FL")));
    expect(result.reason).toBe("time_zone_unknown");
    expect(result.sendAfter).toBeUndefined();
  }
});

describe("Sunday and holiday bans", () => {
  test("Alabama: no marketing on a Sunday, even inside the hours; Monday 08:00 is next", () => {
    const result = blocked(check(at("2027-03-21T12:00", CT), [CT], marketing("AL")));
    expect(result.reason).toBe("sunday");
    expect(result.ruleIds).toEqual(["al-psc-solicitation"]);
    expect(wall(result.sendAfter, CT)).toBe("2027-03-22T08:00");
    expect(check(at("2027-03-21T12:00", CT), [CT], marketing("CA")).ok).toBe(true);
    expect(
      check(
        at("2027-03-21T12:00", CT),
        [CT],
        applicableRules({ state: "AL", campaignStates: [], purpose: "informational" }),
      ).ok,
    ).toBe(true);
  });

  test("Alabama: Independence Day 2027 falls on a Sunday and is observed Monday 5 July: both are banned", () => {
    const result = blocked(check(at("2027-07-05T10:00", CT), [CT], marketing("AL")));
    expect(result.reason).toBe("holiday");
    expect(wall(result.sendAfter, CT)).toBe("2027-07-06T08:00");
  });

  test("Louisiana: Christmas Eve (observed Christmas 2027), Christmas (Saturday) and Sunday run together", () => {
    const result = blocked(check(at("2027-12-24T10:00", CT), [CT], marketing("LA")));
    expect(result.reason).toBe("holiday");
    expect(wall(result.sendAfter, CT)).toBe("2027-12-27T08:00");
  });

  test("Louisiana: Mardi Gras (2027-02-09) and Good Friday (2027-03-26)", () => {
    for (const day of ["2027-02-09", "2027-03-26"]) {
      expect(blocked(check(at(`${day}T12:00`, CT), [CT], marketing("LA"))).reason).toBe("holiday");
    }
    expect(check(at("2027-02-10T12:00", CT), [CT], marketing("LA")).ok).toBe(true);
  });

  test("Mississippi bans Sundays but no longer holidays", () => {
    expect(check(at("2027-07-05T10:00", CT), [CT], marketing("MS")).ok).toBe(true);
    expect(blocked(check(at("2027-07-04T10:00", CT), [CT], marketing("MS"))).reason).toBe("sunday");
  });

  test("a holiday is reported before Sunday and hours when several rules block", () => {
    const result = blocked(check(at("2027-07-04T22:00", CT), [CT], marketing("AL")));
    expect(result.reason).toBe("holiday");
  });
});

describe("the strictest of several rules wins", () => {
  test("a Florida contact in a campaign that also applies Connecticut: 09:00 start, 20:00 end", () => {
    const rules = marketing("FL", ["CT"]);
    const early = blocked(check(at("2027-03-10T08:30", ET), [ET], rules));
    expect(early.ruleIds).toEqual(["ct-telemarketing"]);
    expect(wall(early.sendAfter, ET)).toBe("2027-03-10T09:00");
    expect(check(at("2027-03-10T19:59", ET), [ET], rules).ok).toBe(true);
    const late = blocked(check(at("2027-03-10T20:00", ET), [ET], rules));
    expect([...late.ruleIds].sort()).toEqual(["ct-telemarketing", "fl-telemarketing"]);
  });

  test("an unknown state applies every state's marketing rows: Connecticut's 09:00 and Alabama's Sundays", () => {
    expect(wall(blocked(check(at("2027-03-10T08:30", ET), [ET], marketing(null))).sendAfter, ET)).toBe(
      "2027-03-10T09:00",
    );
    expect(blocked(check(at("2027-03-21T12:00", ET), [ET], marketing(null))).reason).toBe("sunday");
  });

  test("a campaign override that tightens the window is applied, one that loosens it is not", () => {
    const tight = applicableRules({
      state: "FL",
      campaignStates: [],
      purpose: "marketing",
      overrides: { "fl-telemarketing": { window: { start: "10:00", end: "18:00" } } },
    });
    expect(wall(blocked(check(at("2027-03-10T09:59", ET), [ET], tight)).sendAfter, ET)).toBe("2027-03-10T10:00");
    expect(check(at("2027-03-10T18:00", ET), [ET], tight).ok).toBe(false);
    const loose = applicableRules({
      state: "FL",
      campaignStates: [],
      purpose: "marketing",
      overrides: { "fl-telemarketing": { window: { start: "07:00", end: "22:00" } } },
    });
    expect(check(at("2027-03-10T07:30", ET), [ET], loose).ok).toBe(false);
    expect(check(at("2027-03-10T20:30", ET), [ET], loose).ok).toBe(false);
  });
});

test("property: a given sendAfter is after now, on a whole minute, permitted, and nothing between now and it is", () => {
  // US zones together (no window can hold at once in Honolulu and London); foreign zones with odd DST alone.
  const usZones = [
    ET,
    CT,
    "America/Denver",
    "America/Phoenix",
    PT,
    "America/Anchorage",
    "America/Adak",
    "Pacific/Honolulu",
  ];
  const zoneSets = fc.oneof(
    fc.subarray(usZones, { minLength: 1, maxLength: 3 }),
    fc.constantFrom("Europe/London", "Australia/Lord_Howe", "America/Santiago", "Asia/Kathmandu").map((zone) => [zone]),
  );
  const DAY = 86_400_000;
  const start = Date.UTC(2026, 0, 1);
  const end = Date.UTC(2029, 0, 1);
  fc.assert(
    fc.property(
      fc.oneof(
        fc.integer({ min: start, max: end }),
        // Within two days of a US DST change (2027-03-14 and 2027-11-07, 07:00 UTC ≈ 02:00 Eastern).
        fc
          .tuple(
            fc.constantFrom(Date.UTC(2027, 2, 14, 7), Date.UTC(2027, 10, 7, 6)),
            fc.integer({ min: -2 * DAY, max: 2 * DAY }),
          )
          .map(([base, shift]) => base + shift),
      ),
      zoneSets,
      fc.subarray([...RULES], { minLength: 1 }),
      fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 8, maxLength: 8 }),
      (nowMs, zones, rules, probes) => {
        const now = new Date(nowMs);
        const result = checkSendWindow({ now, zones, rules });
        if (result.ok) return;
        expect(result.sendAfter).toBeDefined();
        const after = (result.sendAfter as Date).getTime();
        expect(after).toBeGreaterThan(nowMs);
        expect(after % 60_000).toBe(0);
        expect(checkSendWindow({ now: new Date(after), zones, rules }).ok).toBe(true);
        expect(checkSendWindow({ now: new Date(after - 1), zones, rules }).ok).toBe(false);
        probes.forEach((_, index) => {
          const probe = nowMs + Math.floor(((after - nowMs) * (index + 0.5)) / probes.length);
          expect(checkSendWindow({ now: new Date(probe), zones, rules }).ok).toBe(false);
        });
      },
    ),
    { numRuns: 300 },
  );
});
