import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { minutesOf } from "./clock";
import { describeRule } from "./describe-rule";
import { holidayOn } from "./holidays";
import { RULES, RULES_VERSION } from "./rules-table";
import type { HolidayName } from "./types";
import { STATE_NAMES, STATE_ZONES } from "./us-zones";

test("every row is well formed and cites its statute", () => {
  expect(RULES_VERSION).toMatch(/^\d{4}-\d{2}-\d{2}\.\d+$/);
  expect(new Set(RULES.map((rule) => rule.id)).size).toBe(RULES.length);
  for (const rule of RULES) {
    expect(rule.statute.length).toBeGreaterThan(5);
    expect(rule.jurisdiction === "US" || rule.jurisdiction in STATE_NAMES).toBe(true);
    if (rule.window) expect((minutesOf(rule.window.start) ?? 99999) < (minutesOf(rule.window.end) ?? -1)).toBe(true);
    if (rule.jurisdiction !== "US") expect(rule.appliesTo).toEqual(["marketing"]);
  }
  expect(RULES.find((rule) => rule.jurisdiction === "US")?.appliesTo).toEqual(["marketing", "informational"]);
});

test("the table holds the issue's minimum: federal floor, FL, OK, MD, CT, and Sunday/holiday bans", () => {
  const byState = (code: string) => RULES.find((rule) => rule.jurisdiction === code);
  expect(byState("US")).toMatchObject({ window: { start: "08:00", end: "21:00" } });
  for (const code of ["FL", "OK", "MD"])
    expect(byState(code)).toMatchObject({ window: { start: "08:00", end: "20:00" }, maxPer24h: 3 });
  expect(byState("CT")).toMatchObject({ window: { start: "09:00", end: "20:00" } });
  for (const code of ["AL", "LA", "MS"]) expect(byState(code)?.noSundays).toBe(true);
  expect(Object.keys(STATE_ZONES).sort()).toEqual(Object.keys(STATE_NAMES).sort());
});

test("holidays are dated right, observed weekdays included", () => {
  const on = (iso: string, names: HolidayName[]) => {
    const [year, month, day] = iso.split("-").map(Number);
    return holidayOn({ year, month, day }, names);
  };
  expect(on("2027-02-09", ["mardi_gras"])).toBe("mardi_gras");
  expect(on("2027-03-26", ["good_friday"])).toBe("good_friday");
  expect(on("2028-02-29", ["mardi_gras"])).toBe("mardi_gras");
  expect(on("2027-11-25", ["thanksgiving"])).toBe("thanksgiving");
  expect(on("2027-11-26", ["day_after_thanksgiving"])).toBe("day_after_thanksgiving");
  expect(on("2027-05-31", ["memorial_day"])).toBe("memorial_day");
  expect(on("2027-04-26", ["confederate_memorial_day"])).toBe("confederate_memorial_day");
  expect(on("2027-06-07", ["jefferson_davis_birthday"])).toBe("jefferson_davis_birthday");
  expect(on("2027-07-05", ["independence_day"])).toBe("independence_day"); // 4 July 2027 is a Sunday
  expect(on("2027-12-24", ["christmas_day"])).toBe("christmas_day"); // 25 December 2027 is a Saturday
  expect(on("2027-12-31", ["new_years_day"])).toBe("new_years_day"); // 1 January 2028 is a Saturday
  expect(on("2027-07-05", ["christmas_day", "labor_day"])).toBeNull();
  expect(on("2027-02-09", [])).toBeNull();
});

test("describeRule gives one plain sentence per row", () => {
  const sentences = RULES.map(describeRule);
  expect(sentences[0]).toBe(
    "Federal: all messages only between 8:00 a.m. and 9:00 p.m. in the recipient's time zone (47 U.S.C. § 227(c); 47 CFR 64.1200(c)(1)).",
  );
  const florida = describeRule(RULES.find((rule) => rule.jurisdiction === "FL") ?? RULES[0]);
  expect(florida).toContain("Florida: marketing messages only between 8:00 a.m. and 8:00 p.m.");
  expect(florida).toContain("at most 3 in 24 hours on the same subject");
  expect(describeRule({ ...RULES[0], overridden: true })).toMatch(/Tightened by the campaign\.$/);
  expect(describeRule(RULES.find((rule) => rule.jurisdiction === "MS") ?? RULES[0])).toContain("never on a Sunday");
});

test("the README's table lists every rule with its statute and the current version", () => {
  const readme = readFileSync(new URL("./README.md", import.meta.url), "utf8");
  expect(readme).toContain(`\`${RULES_VERSION}\``);
  for (const rule of RULES) {
    const row = readme.split("\n").find((line) => line.startsWith(`| \`${rule.id}\``));
    expect(row, rule.id).toBeDefined();
    expect(row).toContain(rule.statute);
  }
});
