import "server-only";
import type { CheckFn, CheckOutcome } from "../gate-types";

/**
 * 1. Kill switch: the platform's (Verity staff) or the organization's (its owner) stops every message; so does the
 * organization's closing (a deleted organization sends nothing more, its queued messages included).
 */
export const killSwitchCheck: CheckFn = async ({ tx, orgId }): Promise<CheckOutcome> => {
  const [platform, settings, org] = await Promise.all([
    tx.messagingPlatformSwitch.findUnique({ where: { id: "platform" }, select: { on: true, changedAt: true } }),
    tx.messagingSettings.findUnique({ where: { orgId }, select: { killSwitchOn: true, killSwitchChangedAt: true } }),
    tx.organization.findUnique({ where: { id: orgId }, select: { deletedAt: true } }),
  ]);
  if (!org || org.deletedAt)
    return {
      verdict: "block",
      code: "organization_closed",
      facts: { closedAt: org?.deletedAt?.toISOString() ?? null },
    };
  const facts = { platformSwitchOn: platform?.on ?? false, orgSwitchOn: settings?.killSwitchOn ?? false };
  if (platform?.on)
    return {
      verdict: "block",
      code: "platform_kill_switch_on",
      facts: { ...facts, since: platform.changedAt.toISOString() },
    };
  if (settings?.killSwitchOn) {
    const since = settings.killSwitchChangedAt?.toISOString() ?? null;
    return { verdict: "block", code: "org_kill_switch_on", facts: { ...facts, since } };
  }
  return { verdict: "pass", code: "kill_switch_off", facts };
};
