import "server-only";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import type { Principal, RequestContext } from "@/lib/context";
import type { Db, Tx } from "@/lib/db/client";
import type { SupportSession } from "@/lib/db/generated/client";
import { AppError } from "@/lib/http/app-error";
import { beginSupportSession } from "./begin-support-session";
import { requireStaff } from "./require-staff";
import { sessionTarget, staffAccessMetadata, staffActor } from "./support-session-event";
import {
  SUPPORT_SESSION_MS,
  supportSessionState,
  ZSupportSessionId,
  type SupportSessionState,
} from "./support-session-rules";

type Options = { db: Db; staff: Principal; input: unknown; request: RequestContext; now?: Date };
type Step = (tx: Tx, session: SupportSession, org: { id: string; slug: string; name: string }) => Promise<unknown>;

/** One of the staff member's own sessions, in one of `states`, changed by `step` in one transaction. */
async function onOwnSession({ db, staff, input, now }: Options, states: SupportSessionState[], step: Step) {
  await requireStaff(db, staff);
  const { sessionId } = ZSupportSessionId.parse(input);
  return db.$transaction(async (tx) => {
    // Another staff member's session answers like an unknown one.
    const session = await tx.supportSession.findFirst({ where: { id: sessionId, staffUserId: staff.userId } });
    if (!session) throw new AppError("not_found", "No such support session.");
    const state = supportSessionState(session, now ?? new Date());
    if (!states.includes(state)) throw new AppError("conflict", `This support session is ${state}.`);
    const org = await tx.organization.findUniqueOrThrow({
      where: { id: session.orgId },
      select: { id: true, slug: true, name: true },
    });
    await step(tx, session, org);
    return { id: session.id, orgSlug: org.slug };
  });
}

/** Starts an approved session (one that needed an owner's approval). */
export function startSupportSession(options: Options) {
  const now = options.now ?? new Date();
  return onOwnSession(options, ["approved"], (tx, session, org) =>
    beginSupportSession(tx, session, org, options.request, now),
  );
}

/** Another hour from now, while the session is still active. */
export function renewSupportSession(options: Options) {
  const now = options.now ?? new Date();
  return onOwnSession(options, ["active"], async (tx, session, org) => {
    const expiresAt = new Date(now.getTime() + SUPPORT_SESSION_MS);
    await tx.supportSession.update({ where: { id: session.id }, data: { expiresAt } });
    await appendAuditEntry(tx, {
      orgId: org.id,
      action: "staff_access.renewed",
      actor: staffActor(session),
      target: sessionTarget(session),
      context: options.request,
      metadata: { ...staffAccessMetadata(session, org.slug), expiresAt: expiresAt.toISOString() },
    });
  });
}

/** The staff member ends (or withdraws) their own session. */
export function endSupportSession(options: Options) {
  const now = options.now ?? new Date();
  return onOwnSession(options, ["pending", "approved", "active", "expired"], async (tx, session, org) => {
    await tx.supportSession.update({ where: { id: session.id }, data: { endedAt: now, endedBy: options.staff.email } });
    await appendAuditEntry(tx, {
      orgId: org.id,
      action: "staff_access.ended",
      actor: staffActor(session),
      target: sessionTarget(session),
      context: options.request,
      metadata: { ...staffAccessMetadata(session, org.slug), endedBy: "staff" },
    });
  });
}
