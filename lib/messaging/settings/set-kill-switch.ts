import "server-only";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { actorOf, type OrgContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { assertPermission } from "../assert-permission";
import { partyOf } from "../messaging-party";
import { getKillSwitch } from "./get-kill-switch";
import { ZSetKillSwitch, type TKillSwitchView, type TSetKillSwitch } from "./kill-switch-schemas";

/**
 * Turns the organization's kill switch on or off (owners only: messaging.kill_switch), kill_switch.changed with the
 * reason. While on, the gate blocks every message, including those already scheduled (the worker re-runs it).
 * Setting it to what it is changes nothing and records nothing.
 */
export async function setKillSwitch(
  tx: Tx,
  ctx: OrgContext,
  raw: TSetKillSwitch,
  now = new Date(),
): Promise<TKillSwitchView> {
  assertPermission(ctx, "messaging.kill_switch", "Only an owner can turn the messaging kill switch on or off.");
  const input = ZSetKillSwitch.parse(raw);
  const current = await tx.messagingSettings.findUnique({
    where: { orgId: ctx.org.id },
    select: { killSwitchOn: true },
  });
  if ((current?.killSwitchOn ?? false) !== input.on) {
    const change = {
      killSwitchOn: input.on,
      killSwitchChangedAt: now,
      killSwitchChangedBy: actorOf(ctx.principal).display,
      killSwitchReason: input.reason ?? null,
      updatedAt: now,
    };
    await tx.messagingSettings.upsert({
      where: { orgId: ctx.org.id },
      create: { orgId: ctx.org.id, ...change },
      update: change,
    });
    await appendAuditEntry(tx, {
      ...partyOf(ctx),
      action: "kill_switch.changed",
      target: { type: "organization", id: ctx.org.id, display: ctx.org.name },
      metadata: { scope: "org", on: input.on, reason: input.reason ?? null },
    });
  }
  return getKillSwitch(tx, ctx);
}
