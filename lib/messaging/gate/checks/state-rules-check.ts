import "server-only";
import { checkFrequencyCap } from "@/lib/messaging/rules";
import type { CheckFn, CheckOutcome } from "../gate-types";
import { recipientRules } from "./recipient-rules";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * 7. State rules' and the campaign's frequency caps, counted in the database (messages sent to this number in the
 * last 24 hours, and those of this campaign: the same subject), so every instance of Verity counts the same.
 * Over a cap, the message is held (rescheduled) until the oldest counted send leaves the 24 hours; the worker
 * re-runs the whole gate then.
 */
export const stateRulesCheck: CheckFn = async (subject): Promise<CheckOutcome> => {
  const applicable = await recipientRules(subject);
  if (!applicable.ok) return { verdict: "block", code: applicable.code, facts: applicable.facts };
  const contact = (await subject.contact())!;
  const sent = await subject.tx.messagingMessage.findMany({
    where: {
      orgId: subject.orgId,
      toE164: contact.phoneE164,
      status: "sent",
      sentAt: { gt: new Date(subject.now.getTime() - DAY_MS), lte: subject.now },
    },
    select: { sentAt: true, campaignId: true },
  });
  const sentAny = sent.map((message) => message.sentAt!);
  const sentSameSubject = applicable.campaignId
    ? sent.filter((message) => message.campaignId === applicable.campaignId).map((message) => message.sentAt!)
    : [];
  const cap = checkFrequencyCap({
    now: subject.now,
    rules: applicable.rules,
    campaignMaxPer24h: applicable.maxPer24h,
    sentSameSubject,
    sentAny,
  });
  const counts = { sentLast24h: sentAny.length, sentSameSubjectLast24h: sentSameSubject.length };
  const ruleIds = applicable.rules.map((rule) => rule.id);
  if (cap.ok) return { verdict: "pass", code: "within_frequency_caps", facts: { ...counts, ruleIds } };
  return {
    verdict: "reschedule",
    code: "frequency_cap_reached",
    facts: { ...counts, ruleId: cap.ruleId, limit: cap.limit, count: cap.count, ruleIds },
    sendAfter: cap.sendAfter,
  };
};
