import "server-only";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { actorOf, type OrgContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { assertPermission } from "../assert-permission";
import { cancelPendingMessages } from "../messages/cancel-pending-messages";
import { partyOf } from "../messaging-party";
import { dncEntryView, ZAddDncEntry, type TAddDncEntry, type TDncEntryView } from "./dnc-schemas";

/**
 * Puts a number on the org's Do Not Contact list (dnc.added) and cancels its pending messages. A number already
 * on it is a 409 (the list keeps the first reason and source).
 */
export async function addDncEntry(
  tx: Tx,
  ctx: OrgContext,
  raw: TAddDncEntry,
  now = new Date(),
): Promise<TDncEntryView & { cancelledMessages: number }> {
  assertPermission(ctx, "messaging.manage", "Managing the Do Not Contact list needs messaging.manage.");
  const input = ZAddDncEntry.parse(raw);
  const rows = await tx.$queryRaw<{ added: boolean }[]>`
    INSERT INTO messaging_dnc (org_id, phone_e164, reason, source, added_at, added_by)
    VALUES (${ctx.org.id}::uuid, ${input.phone}, ${input.reason}, ${input.source}, ${now}, ${actorOf(ctx.principal).display ?? ""})
    ON CONFLICT DO NOTHING RETURNING true AS added`;
  if (rows.length === 0) {
    const message = `${input.phone} is on the Do Not Contact list already.`;
    throw new AppError("conflict", message, { phone: [message] });
  }
  const cancelledMessages = await cancelPendingMessages(tx, partyOf(ctx), { phone: input.phone, reason: "dnc_added" });
  await appendAuditEntry(tx, {
    ...partyOf(ctx),
    action: "dnc.added",
    target: { type: "phone_number", id: null, display: input.phone },
    metadata: { phone: input.phone, reason: input.reason, source: input.source, cancelledMessages },
  });
  const entry = await tx.messagingDncEntry.findUniqueOrThrow({
    where: { orgId_phoneE164: { orgId: ctx.org.id, phoneE164: input.phone } },
  });
  return { ...dncEntryView(entry), cancelledMessages };
}
