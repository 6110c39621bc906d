import "server-only";
import type { CheckFn, CheckOutcome } from "../gate-types";

/**
 * 1. Kill switch: the platform's (Verity staff) or the organization's (its owner) stops every message; so does the
 * organization's closing (a deleted organization sends nothing more, its queued messages included). Read with the
 * decision's other facts (GateSubject.facts), never from a cache: a switch turned on stops the very next decision.
 */
export const killSwitchCheck: CheckFn = async (subject): Promise<CheckOutcome> => {
  const { platformSwitch: platform, orgSwitch: settings, org } = await subject.facts();
  if (!org || org.deletedAt)
    return {
      verdict: "block",
      code: "organization_closed",
      facts: { closedAt: org?.deletedAt?.toISOString() ?? null },
    };
  const facts = { platformSwitchOn: platform?.on ?? false, orgSwitchOn: settings?.on ?? false };
  if (platform?.on)
    return {
      verdict: "block",
      code: "platform_kill_switch_on",
      facts: { ...facts, since: platform.changedAt.toISOString() },
    };
  if (settings?.on) {
    const since = settings.changedAt?.toISOString() ?? null;
    return { verdict: "block", code: "org_kill_switch_on", facts: { ...facts, since } };
  }
  return { verdict: "pass", code: "kill_switch_off", facts };
};
