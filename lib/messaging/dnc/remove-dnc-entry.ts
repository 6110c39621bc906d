import "server-only";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import type { OrgContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { assertPermission } from "../assert-permission";
import { partyOf } from "../messaging-party";
import { dncEntryView, type TDncEntryView } from "./dnc-schemas";

/** Takes a number (E.164) off the org's Do Not Contact list (dnc.removed). A number not on it is a 404. */
export async function removeDncEntry(tx: Tx, ctx: OrgContext, { phone }: { phone: string }): Promise<TDncEntryView> {
  assertPermission(ctx, "messaging.manage", "Managing the Do Not Contact list needs messaging.manage.");
  const entry = await tx.messagingDncEntry.findUnique({
    where: { orgId_phoneE164: { orgId: ctx.org.id, phoneE164: phone } },
  });
  if (!entry) throw new AppError("not_found", "That number is not on the Do Not Contact list.");
  await tx.messagingDncEntry.delete({ where: { orgId_phoneE164: { orgId: ctx.org.id, phoneE164: phone } } });
  await appendAuditEntry(tx, {
    ...partyOf(ctx),
    action: "dnc.removed",
    target: { type: "phone_number", id: null, display: phone },
    metadata: { phone, reason: entry.reason, source: entry.source },
  });
  return dncEntryView(entry);
}
