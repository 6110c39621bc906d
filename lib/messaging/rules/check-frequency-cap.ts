import type { FrequencyCapResult, MessagingRule } from "./types";

const DAY = 24 * 60 * 60 * 1000;

export type FrequencyCapInput = {
  now: Date;
  rules: MessagingRule[];
  /** The campaign's own cap (MessagingCampaign.maxPer24h), counted on the same subject; null = none. */
  campaignMaxPer24h: number | null;
  /** Send times to this number on the same subject (this campaign) in the last 24 hours, as counted in the database. */
  sentSameSubject: Date[];
  /** Send times to this number from the org, any subject, in the last 24 hours. */
  sentAny: Date[];
};

/**
 * Would one more message break a cap? Caps are rolling 24 hours, not calendar days, so sends before midnight
 * count after it. A send at t counts while now − 24 h < t (later, e.g. clock skew, counts too); with `count`
 * sends counted and a limit of `limit`, the next may go once the (count − limit + 1)th oldest has left the
 * window. Several caps broken: the one that clears last is reported, so its sendAfter satisfies them all.
 */
export function checkFrequencyCap(input: FrequencyCapInput): FrequencyCapResult {
  const now = input.now.getTime();
  const caps: { ruleId: string; limit: number; sent: Date[] }[] = input.rules
    .filter((rule) => rule.maxPer24h !== undefined)
    .map((rule) => ({
      ruleId: rule.id,
      limit: rule.maxPer24h as number,
      sent: rule.capScope === "any" ? input.sentAny : input.sentSameSubject,
    }));
  if (input.campaignMaxPer24h !== null) {
    caps.push({ ruleId: "campaign", limit: input.campaignMaxPer24h, sent: input.sentSameSubject });
  }
  let worst: Extract<FrequencyCapResult, { ok: false }> | null = null;
  for (const cap of caps) {
    const counted = cap.sent
      .map((at) => at.getTime())
      .filter((at) => Number.isFinite(at) && at > now - DAY)
      .sort((a, b) => a - b);
    if (counted.length < cap.limit) continue;
    // A cap below 1 forbids every message: it never clears, so it reports a day from now and again after that.
    const clears = cap.limit < 1 ? now + DAY : counted[counted.length - cap.limit] + DAY;
    if (!worst || clears > worst.sendAfter.getTime()) {
      worst = { ok: false, ruleId: cap.ruleId, limit: cap.limit, count: counted.length, sendAfter: new Date(clears) };
    }
  }
  return worst ?? { ok: true };
}
