import "server-only";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import type { OrgContext } from "@/lib/context";
import type { ReadClient, Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { TWILIO_SECRET_NAMES } from "../delivery/twilio-credentials";
import { assertPermission } from "../assert-permission";
import { partyOf } from "../messaging-party";
import { ZSetSender, type TSenderView, type TSetSender } from "./sender-schemas";

/** Which sender hands the organization's allowed messages on (the local outbox unless it chose Twilio). */
export async function getSender(db: ReadClient | Tx, ctx: OrgContext): Promise<TSenderView> {
  const settings = await db.messagingSettings.findUnique({ where: { orgId: ctx.org.id }, select: { sender: true } });
  return { sender: settings?.sender === "twilio" ? "twilio" : "outbox" };
}

/**
 * Chooses the sender (messaging.manage), messaging.settings_changed with before and after. Twilio is refused (409)
 * until the organization holds the three Twilio secrets, so a switch never leaves messages with nowhere to go.
 * Choosing the sender it has changes nothing and records nothing.
 */
export async function setSender(tx: Tx, ctx: OrgContext, raw: TSetSender, now = new Date()): Promise<TSenderView> {
  assertPermission(ctx, "messaging.manage", "Only owners and admins can choose how messages are sent.");
  const { sender } = ZSetSender.parse(raw);
  const before = await getSender(tx, ctx);
  if (before.sender === sender) return before;
  if (sender === "twilio") {
    const names = Object.values(TWILIO_SECRET_NAMES);
    const held = await tx.secret.count({ where: { orgId: ctx.org.id, name: { in: names }, deletedAt: null } });
    if (held < names.length)
      throw new AppError("conflict", `Add the secrets ${names.join(", ")} first: Twilio cannot send without them.`, {
        sender: ["The Twilio secrets are missing."],
      });
  }
  await tx.messagingSettings.upsert({
    where: { orgId: ctx.org.id },
    create: { orgId: ctx.org.id, sender, updatedAt: now },
    update: { sender, updatedAt: now },
  });
  await appendAuditEntry(tx, {
    ...partyOf(ctx),
    action: "messaging.settings_changed",
    target: { type: "organization", id: ctx.org.id, display: ctx.org.name },
    metadata: { before: { sender: before.sender }, after: { sender } },
  });
  return { sender };
}
