import "server-only";
import { checkFrequencyCap } from "@/lib/messaging/rules";
import { recipientLockKey } from "../gate-subject";
import type { CheckFn, CheckOutcome } from "../gate-types";
import { recipientRules } from "./recipient-rules";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * 7. State rules' and the campaign's frequency caps, counted in the database (messages sent to this number in the
 * last 24 hours, and those of this campaign: the same subject), so every instance of Verity counts the same.
 * Messages the worker's gate has allowed and that are on their way (status sending, not yet recorded as sent) count
 * too, from their allow; and the count and the decision are serialized per recipient (a transaction-scoped advisory
 * lock), so two workers deciding two messages to one number at once cannot both take the last place under a cap.
 * Over a cap, the message is held (rescheduled) until the oldest counted send leaves the 24 hours; the worker
 * re-runs the whole gate then.
 */
export const stateRulesCheck: CheckFn = async (subject): Promise<CheckOutcome> => {
  const applicable = await recipientRules(subject);
  if (!applicable.ok) return { verdict: "block", code: applicable.code, facts: applicable.facts };
  const contact = (await subject.contact())!;
  const { tx, orgId, now } = subject;
  // The recipient's lock was taken by the facts' statement (GateSubject.facts), before this count's snapshot; a
  // gate whose facts came without it (a number that did not parse never reaches here) takes it now.
  if (!(await subject.facts()).recipientLocked)
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${recipientLockKey(orgId, contact.phoneE164)}, 0))`;
  const since = new Date(now.getTime() - DAY_MS);
  const counted = await tx.$queryRaw<{ at: Date; campaign_id: string | null }[]>`
    SELECT m.sent_at AS at, m.campaign_id FROM messaging_messages m
     WHERE m.org_id = ${orgId}::uuid AND m.to_e164 = ${contact.phoneE164} AND m.status = 'sent'
       AND m.sent_at > ${since} AND m.sent_at <= ${now}
    UNION ALL
    SELECT d.decided_at AS at, m.campaign_id FROM messaging_messages m
      JOIN messaging_decisions d ON d.id = m.last_decision_id AND d.org_id = m.org_id
     WHERE m.org_id = ${orgId}::uuid AND m.to_e164 = ${contact.phoneE164} AND m.status = 'sending'
       AND d.decision = 'allow' AND d.decided_at > ${since}
       AND m.id IS DISTINCT FROM ${subject.messageId}::uuid`;
  const sentAny = counted.map((message) => message.at);
  const sentSameSubject = applicable.campaignId
    ? counted.filter((message) => message.campaign_id === applicable.campaignId).map((message) => message.at)
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
