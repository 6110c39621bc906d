import { describe, expect, test } from "vitest";
import { applicableRules } from "./applicable-rules";
import { RULES } from "./rules-table";
import { validateOverrides } from "./validate-overrides";

const ids = (state: string | null, purpose: "marketing" | "informational", campaignStates: string[] = []) =>
  applicableRules({ state, campaignStates, purpose }).map((rule) => rule.id);

describe("which rules apply", () => {
  test("the federal window applies to every message; state rules to marketing only", () => {
    expect(ids("FL", "marketing")).toEqual(["us-tcpa-hours", "fl-telemarketing"]);
    expect(ids("FL", "informational")).toEqual(["us-tcpa-hours"]);
    expect(ids("CA", "marketing")).toEqual(["us-tcpa-hours"]);
  });

  test("the campaign's states add theirs; codes are case-insensitive", () => {
    expect(ids("fl", "marketing", ["ct", "OK"])).toEqual([
      "us-tcpa-hours",
      "fl-telemarketing",
      "ok-telephone-solicitation",
      "ct-telemarketing",
    ]);
  });

  test("an unknown state is the strictest case: every state's marketing rows", () => {
    expect(ids(null, "marketing")).toEqual(
      RULES.filter((rule) => rule.appliesTo.includes("marketing")).map((rule) => rule.id),
    );
    expect(ids(null, "informational")).toEqual(["us-tcpa-hours"]);
  });
});

describe("campaign overrides only ever tighten", () => {
  const withOverrides = (overrides: Record<string, { window?: { start: string; end: string }; maxPer24h?: number }>) =>
    applicableRules({ state: "FL", campaignStates: [], purpose: "marketing", overrides });

  test("a narrower window and a lower cap are applied and marked", () => {
    const [federal, florida] = withOverrides({
      "us-tcpa-hours": { window: { start: "09:00", end: "18:00" } },
      "fl-telemarketing": { window: { start: "10:00", end: "19:30" }, maxPer24h: 2 },
    });
    expect(federal).toMatchObject({ window: { start: "09:00", end: "18:00" }, overridden: true });
    expect(florida).toMatchObject({ window: { start: "10:00", end: "19:30" }, maxPer24h: 2, overridden: true });
  });

  test("a wider window, a partly wider one, a higher cap, a malformed window and an unknown rule are ignored", () => {
    const rules = withOverrides({
      "us-tcpa-hours": { window: { start: "07:00", end: "22:00" } },
      "fl-telemarketing": { window: { start: "09:00", end: "20:30" }, maxPer24h: 2 },
      "nope-rule": { maxPer24h: 1 },
    });
    expect(rules).toEqual(applicableRules({ state: "FL", campaignStates: [], purpose: "marketing" }));
    expect(withOverrides({ "fl-telemarketing": { maxPer24h: 4 } })[1].maxPer24h).toBe(3);
    expect(withOverrides({ "fl-telemarketing": { window: { start: "18:00", end: "09:00" } } })[1].window).toEqual({
      start: "08:00",
      end: "20:00",
    });
  });

  test("a cap on a rule that has none is stricter, so it applies (counted on the same subject)", () => {
    const [federal] = withOverrides({ "us-tcpa-hours": { maxPer24h: 5 } });
    expect(federal).toMatchObject({ maxPer24h: 5, capScope: "same_subject", overridden: true });
  });

  test("an override of a rule that does not apply to the recipient changes nothing", () => {
    const rules = applicableRules({
      state: "CA",
      campaignStates: [],
      purpose: "marketing",
      overrides: { "fl-telemarketing": { maxPer24h: 1 } },
    });
    expect(rules.map((rule) => rule.id)).toEqual(["us-tcpa-hours"]);
  });

  test("the table itself is never modified by an override", () => {
    withOverrides({ "fl-telemarketing": { window: { start: "10:00", end: "12:00" } } });
    expect(RULES.find((rule) => rule.id === "fl-telemarketing")?.window).toEqual({ start: "08:00", end: "20:00" });
  });
});

describe("validateOverrides for the campaign form and API", () => {
  test("tightening overrides are accepted", () => {
    expect(validateOverrides({})).toEqual([]);
    expect(validateOverrides(null)).toEqual([]);
    expect(
      validateOverrides({
        "ct-telemarketing": { window: { start: "09:30", end: "20:00" } },
        "md-stop-the-spam-calls": { maxPer24h: 1 },
      }),
    ).toEqual([]);
  });

  test("loosening, unknown, malformed and unexpected input each name the rule and field", () => {
    expect(validateOverrides({ "ct-telemarketing": { window: { start: "08:00", end: "20:00" } } })).toEqual([
      expect.objectContaining({ ruleId: "ct-telemarketing", field: "window" }),
    ]);
    expect(validateOverrides({ "fl-telemarketing": { maxPer24h: 4 } })).toEqual([
      expect.objectContaining({ ruleId: "fl-telemarketing", field: "maxPer24h" }),
    ]);
    expect(validateOverrides({ "xx-made-up": { maxPer24h: 1 } })).toEqual([
      expect.objectContaining({ ruleId: "xx-made-up", field: "ruleId" }),
    ]);
    expect(validateOverrides({ "fl-telemarketing": { window: { start: "8am", end: "20:00" } } })).toEqual([
      expect.objectContaining({ ruleId: "fl-telemarketing", field: "window" }),
    ]);
    expect(validateOverrides({ "fl-telemarketing": { window: { start: "19:00", end: "10:00" } } })).toEqual([
      expect.objectContaining({ field: "window" }),
    ]);
    expect(validateOverrides({ "fl-telemarketing": { maxPer24h: 0 } })).toEqual([
      expect.objectContaining({ field: "maxPer24h" }),
    ]);
    expect(validateOverrides({ "fl-telemarketing": { extra: true } })).toHaveLength(1);
    expect(validateOverrides("nope").length).toBeGreaterThan(0);
  });
});
