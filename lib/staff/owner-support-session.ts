import "server-only";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { auditedBy, type OrgContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { sessionTarget, staffAccessMetadata } from "./support-session-event";
import { supportSessionState, ZSupportPolicy, ZSupportSessionId } from "./support-session-rules";

/** A support session of this organization (another organization's id answers like an unknown one: BOLA). */
async function orgSession(tx: Tx, ctx: OrgContext, input: unknown) {
  const { sessionId } = ZSupportSessionId.parse(input);
  const session = await tx.supportSession.findFirst({ where: { id: sessionId, orgId: ctx.org.id } });
  if (!session) throw new AppError("not_found", "No such support session.");
  return session;
}

/** An owner approves a pending request; the staff member then starts the session from their screen. */
export async function approveSupportSession(tx: Tx, ctx: OrgContext, input: unknown, now = new Date()) {
  const session = await orgSession(tx, ctx, input);
  if (supportSessionState(session, now) !== "pending") throw new AppError("conflict", "This request is not pending.");
  await tx.supportSession.update({
    where: { id: session.id },
    data: { approvedAt: now, approvedBy: ctx.principal.email },
  });
  await appendAuditEntry(tx, {
    ...auditedBy(ctx),
    action: "staff_access.approved",
    target: sessionTarget(session),
    metadata: staffAccessMetadata(session, ctx.org.slug),
  });
  return { id: session.id };
}

/** An owner ends a session (or declines a request) at once: the next request of the staff member is refused. */
export async function endSupportSessionNow(tx: Tx, ctx: OrgContext, input: unknown, now = new Date()) {
  const session = await orgSession(tx, ctx, input);
  if (session.endedAt) throw new AppError("conflict", "This support session has already ended.");
  await tx.supportSession.update({ where: { id: session.id }, data: { endedAt: now, endedBy: ctx.principal.email } });
  await appendAuditEntry(tx, {
    ...auditedBy(ctx),
    action: "staff_access.ended",
    target: sessionTarget(session),
    metadata: { ...staffAccessMetadata(session, ctx.org.slug), endedBy: "owner" },
  });
  return { id: session.id };
}

/** The owners' policy: platform staff may open the organization only once an owner approved the request. */
export async function updateSupportPolicy(tx: Tx, ctx: OrgContext, input: unknown) {
  const { approvalRequired } = ZSupportPolicy.parse(input);
  const before = await tx.organization.findUniqueOrThrow({
    where: { id: ctx.org.id },
    select: { supportApprovalRequired: true },
  });
  if (before.supportApprovalRequired === approvalRequired) return { changed: [] as string[] };
  await tx.organization.update({ where: { id: ctx.org.id }, data: { supportApprovalRequired: approvalRequired } });
  await appendAuditEntry(tx, {
    ...auditedBy(ctx),
    action: "org.updated",
    target: { type: "organization", id: ctx.org.id, display: ctx.org.name },
    metadata: { before, after: { supportApprovalRequired: approvalRequired } },
  });
  return { changed: ["supportApprovalRequired"] };
}
