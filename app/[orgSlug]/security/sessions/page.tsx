import type { Metadata } from "next";
import Link from "next/link";
import { MemberSessionsTable } from "@/components/security/member-sessions-table";
import { OwnSessionsTable } from "@/components/security/own-sessions-table";
import { StaffAccessPanel } from "@/components/staff/staff-access-panel";
import { listMemberSessions, listOwnSessions } from "@/lib/auth/list-sessions";
import { getDb } from "@/lib/db/client";
import { loadOrgPage } from "@/lib/guard/org-page";
import { listOrgSupportSessions } from "@/lib/staff/list-support-sessions";
import {
  approveSupportSessionAction,
  endSupportSessionNowAction,
  updateSupportPolicyAction,
} from "./staff-access-actions";
import { revokeMemberSessionsAction, revokeOtherSessionsAction, revokeOwnSessionAction } from "./actions";

export const metadata: Metadata = { title: "Sessions" };
export const dynamic = "force-dynamic";

export default async function SessionsPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const ctx = await loadOrgPage(orgSlug, "org.read");
  const now = new Date();
  const canManageMembers = ctx.permissions.includes("members.update");
  const canManageStaffAccess = ctx.permissions.includes("org.security_policy");
  const [sessions, members, staffSessions, staffPolicy] = await Promise.all([
    listOwnSessions(getDb(), { userId: ctx.principal.userId, currentSessionId: ctx.principal.sessionId, now }),
    canManageMembers ? listMemberSessions(getDb(), { orgId: ctx.org.id, now }) : Promise.resolve([]),
    canManageStaffAccess ? listOrgSupportSessions(getDb(), ctx.org.id, now) : Promise.resolve([]),
    getDb().organization.findUniqueOrThrow({ where: { id: ctx.org.id }, select: { supportApprovalRequired: true } }),
  ]);
  const staffActions = {
    approve: approveSupportSessionAction,
    endNow: endSupportSessionNowAction,
    updatePolicy: updateSupportPolicyAction,
  };

  return (
    <div className="space-y-10">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Sessions</h1>
          <p className="text-sm text-slate-500">
            Security · where you and your organization&apos;s members are signed in
          </p>
        </div>
        {ctx.permissions.includes("org.security_policy") ? (
          <Link
            href={`/${ctx.org.slug}/security/policy`}
            className="text-sm font-medium text-brand-600 hover:underline"
          >
            Security policy →
          </Link>
        ) : null}
      </div>
      <section aria-labelledby="own-sessions-heading" className="space-y-3">
        <h2 id="own-sessions-heading" className="text-lg font-semibold">
          Your sessions
        </h2>
        <OwnSessionsTable
          orgSlug={ctx.org.slug}
          sessions={sessions}
          now={now}
          revokeOne={revokeOwnSessionAction}
          revokeOthers={revokeOtherSessionsAction}
        />
      </section>
      {canManageMembers ? (
        <section aria-labelledby="member-sessions-heading" className="space-y-3">
          <div>
            <h2 id="member-sessions-heading" className="text-lg font-semibold">
              Member sessions
            </h2>
            <p className="text-sm text-slate-500">
              End every session of a member, for a lost device or a departure. They must sign in again.
            </p>
          </div>
          <MemberSessionsTable
            orgSlug={ctx.org.slug}
            members={members}
            viewer={{ userId: ctx.principal.userId, role: ctx.role }}
            revokeAll={revokeMemberSessionsAction}
          />
        </section>
      ) : null}
      {canManageStaffAccess ? (
        <section aria-labelledby="staff-access-heading" className="space-y-3">
          <div>
            <h2 id="staff-access-heading" className="text-lg font-semibold">
              Verity staff access
            </h2>
            <p className="text-sm text-slate-500">
              Verity&apos;s support staff can open your organization read-only, for an hour at a time, with a written
              justification. Everything they view is in your audit trail (search <code>action:staff_access.*</code>).
            </p>
          </div>
          <StaffAccessPanel
            orgSlug={ctx.org.slug}
            approvalRequired={staffPolicy.supportApprovalRequired}
            sessions={staffSessions}
            now={now.toISOString()}
            actions={staffActions}
          />
        </section>
      ) : null}
    </div>
  );
}
