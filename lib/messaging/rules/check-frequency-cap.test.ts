import { describe, expect, test } from "vitest";
import { applicableRules } from "./applicable-rules";
import { checkFrequencyCap } from "./check-frequency-cap";
import type { MessagingRule } from "./types";

const HOUR = 3_600_000;
const now = new Date("2027-03-11T05:30:00Z"); // 00:30 in New York: just after midnight
const ago = (hours: number) => new Date(now.getTime() - hours * HOUR);
const florida = applicableRules({ state: "FL", campaignStates: [], purpose: "marketing" });
const cap = (
  rules: MessagingRule[],
  sentSameSubject: Date[],
  extra: { sentAny?: Date[]; campaignMaxPer24h?: number | null } = {},
) =>
  checkFrequencyCap({
    now,
    rules,
    campaignMaxPer24h: extra.campaignMaxPer24h ?? null,
    sentSameSubject,
    sentAny: extra.sentAny ?? [],
  });

describe("Florida's 3 per 24 hours on the same subject", () => {
  test("two sends leave room for a third", () => {
    expect(cap(florida, [ago(1), ago(2)])).toEqual({ ok: true });
  });

  test("three sends the evening before still count after midnight; the next may go when the oldest is 24 h old", () => {
    const result = cap(florida, [ago(1), ago(7.5), ago(3)]); // 23:30, 17:00 and 21:30 local the day before
    expect(result).toEqual({
      ok: false,
      ruleId: "fl-telemarketing",
      limit: 3,
      count: 3,
      sendAfter: new Date(ago(7.5).getTime() + 24 * HOUR),
    });
  });

  test("the 24 h boundary: a send exactly 24 h ago no longer counts, one a millisecond younger does", () => {
    expect(cap(florida, [ago(24), ago(2), ago(1)])).toEqual({ ok: true });
    const younger = new Date(ago(24).getTime() + 1);
    const result = cap(florida, [younger, ago(2), ago(1)]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.sendAfter.getTime()).toBe(now.getTime() + 1);
  });

  test("more sends than the cap (e.g. recorded before the rule): wait until enough have aged out", () => {
    const sends = [ago(20), ago(15), ago(10), ago(5), ago(1)];
    const result = cap(florida, sends);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.count).toBe(5);
      expect(result.sendAfter).toEqual(new Date(ago(10).getTime() + 24 * HOUR)); // then only 5 h and 1 h ago remain
    }
  });

  test("other subjects do not count toward a same-subject cap; informational messages have no state cap", () => {
    expect(cap(florida, [], { sentAny: [ago(1), ago(2), ago(3), ago(4)] })).toEqual({ ok: true });
    const informational = applicableRules({ state: "FL", campaignStates: [], purpose: "informational" });
    expect(cap(informational, [ago(1), ago(2), ago(3), ago(4)])).toEqual({ ok: true });
  });
});

test("Oklahoma and Maryland carry the same cap", () => {
  for (const state of ["OK", "MD"]) {
    const result = cap(applicableRules({ state, campaignStates: [], purpose: "marketing" }), [ago(1), ago(2), ago(3)]);
    expect(result.ok).toBe(false);
  }
  expect(
    cap(applicableRules({ state: "CT", campaignStates: [], purpose: "marketing" }), [ago(1), ago(2), ago(3)]),
  ).toEqual({ ok: true });
});

test("a cap scoped to any subject counts every send to the number", () => {
  const rule: MessagingRule = {
    id: "test-any",
    jurisdiction: "US",
    appliesTo: ["marketing"],
    maxPer24h: 2,
    capScope: "any",
    statute: "test",
  };
  expect(cap([rule], [], { sentAny: [ago(1)] })).toEqual({ ok: true });
  expect(cap([rule], [], { sentAny: [ago(1), ago(23)] })).toMatchObject({ ok: false, ruleId: "test-any", count: 2 });
});

test("the campaign's own cap, and the cap that clears last is the one reported", () => {
  expect(cap([], [ago(3)], { campaignMaxPer24h: 1 })).toMatchObject({ ok: false, ruleId: "campaign", limit: 1 });
  // Florida clears when the send 20 h ago ages out (in 4 h); the campaign's cap of 2 when the one 2 h ago does (in 22 h).
  const result = cap(florida, [ago(20), ago(2), ago(1)], { campaignMaxPer24h: 2 });
  expect(result).toMatchObject({
    ok: false,
    ruleId: "campaign",
    limit: 2,
    count: 3,
    sendAfter: new Date(ago(2).getTime() + 24 * HOUR),
  });
});

test("a campaign override that lowers the cap applies; one that raises it is ignored", () => {
  const lower = applicableRules({
    state: "FL",
    campaignStates: [],
    purpose: "marketing",
    overrides: { "fl-telemarketing": { maxPer24h: 1 } },
  });
  expect(cap(lower, [ago(5)])).toMatchObject({ ok: false, ruleId: "fl-telemarketing", limit: 1 });
  const higher = applicableRules({
    state: "FL",
    campaignStates: [],
    purpose: "marketing",
    overrides: { "fl-telemarketing": { maxPer24h: 10 } },
  });
  expect(cap(higher, [ago(1), ago(2), ago(3)])).toMatchObject({ ok: false, limit: 3 });
});
