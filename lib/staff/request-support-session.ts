import "server-only";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import type { Principal, RequestContext } from "@/lib/context";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { beginSupportSession } from "./begin-support-session";
import { mailOwners } from "./mail-owners";
import { requireStaff } from "./require-staff";
import { sessionTarget, staffAccessMetadata, staffActor } from "./support-session-event";
import { supportSessionState, ZRequestSupportSession } from "./support-session-rules";

type Options = { db: Db; staff: Principal; input: unknown; request: RequestContext; now?: Date };

/**
 * A staff member asks to open an organization in support mode, with a written justification. Without an
 * approval policy the session starts at once; with one, it waits for an owner (`staff_access.requested`
 * either way, in the organization's trail, with the staff member's address, IP and user agent).
 */
export async function requestSupportSession({ db, staff, input, request, now = new Date() }: Options) {
  await requireStaff(db, staff);
  const { orgSlug, justification } = ZRequestSupportSession.parse(input);
  const org = await db.organization.findFirst({
    where: { slug: orgSlug, deletedAt: null },
    select: { id: true, slug: true, name: true, supportApprovalRequired: true },
  });
  if (!org) throw new AppError("not_found", "No such organization.");
  return db.$transaction(async (tx) => {
    // One open session per staff member and organization: a second would only blur whose hour the reads are in.
    const open = await tx.supportSession.findMany({
      where: { orgId: org.id, staffUserId: staff.userId, endedAt: null },
    });
    if (open.some((session) => supportSessionState(session, now) !== "expired"))
      throw new AppError("conflict", "You already have an open support session in this organization: renew or end it.");
    const session = await tx.supportSession.create({
      data: {
        orgId: org.id,
        staffUserId: staff.userId,
        staffEmail: staff.email,
        justification,
        requestedAt: now,
        approvalNeeded: org.supportApprovalRequired,
      },
    });
    await appendAuditEntry(tx, {
      orgId: org.id,
      action: "staff_access.requested",
      actor: staffActor(session),
      target: sessionTarget(session),
      context: request,
      metadata: { ...staffAccessMetadata(session, org.slug), approvalNeeded: session.approvalNeeded },
    });
    if (session.approvalNeeded) {
      await mailOwners(tx, org.id, {
        subject: `Verity staff ask to open ${org.name} in support mode`,
        text:
          `${session.staffEmail}, of Verity's staff, asks to open ${org.name} read-only for an hour.\n\n` +
          `Justification: ${session.justification}\n\n` +
          `Your organization requires an owner's approval: approve or decline it in Security → Sessions.`,
        kind: "staff_access_requested",
      });
      return { id: session.id, state: "pending" as const, orgSlug: org.slug };
    }
    await beginSupportSession(tx, session, org, request, now);
    return { id: session.id, state: "active" as const, orgSlug: org.slug };
  });
}
