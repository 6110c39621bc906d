import type { Metadata } from "next";
import { InviteMemberForm } from "@/components/members/invite-member-form";
import { MembersTable } from "@/components/members/members-table";
import { PendingInvitations } from "@/components/members/pending-invitations";
import { hasRecentStepUp } from "@/lib/auth/step-up";
import { getDb } from "@/lib/db/client";
import { loadOrgPage } from "@/lib/guard/org-page";
import { mayInviteAs } from "@/lib/members/invite-member";
import { listInvitations } from "@/lib/members/list-invitations";
import { smtpConfigured } from "@/lib/mail";
import { listMembers, ZMembersQuery } from "@/lib/members/list-members";
import { ROLES } from "@/lib/rbac/permissions";
import {
  changeMemberRoleAction,
  leaveOrganizationAction,
  removeMemberAction,
  transferOwnershipAction,
} from "./actions";
import {
  copyInvitationLinkAction,
  inviteMemberAction,
  resendInvitationAction,
  revokeInvitationAction,
} from "./invitation-actions";

export const metadata: Metadata = { title: "Members" };
export const dynamic = "force-dynamic";

export default async function MembersPage({
  params,
  searchParams,
}: {
  params: Promise<{ orgSlug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { orgSlug } = await params;
  const ctx = await loadOrgPage(orgSlug, "members.read");
  const query = ZMembersQuery.parse(
    Object.fromEntries(Object.entries(await searchParams).filter(([, value]) => typeof value === "string")),
  );
  const { rows, total } = await listMembers(getDb(), { orgId: ctx.org.id, query });
  const ownerCount = await getDb().membership.count({ where: { orgId: ctx.org.id, role: "OWNER" } });
  const can = (permission: (typeof ctx.permissions)[number]) => ctx.permissions.includes(permission);
  // Granting, removing or inviting an Owner needs a recent step-up: the screens say so before the server does.
  const steppedUp = await hasRecentStepUp(getDb(), ctx.principal.sessionId);
  // Without SMTP_URL nothing is mailed: the screens must not say "sent".
  const mailSent = smtpConfigured();

  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Members</h1>
        <p className="text-sm text-slate-500">People in {ctx.org.name}, their roles and their second factor.</p>
      </div>
      {can("members.invite") ? (
        <section aria-labelledby="invitations-heading" className="space-y-4">
          <h2 id="invitations-heading" className="sr-only">
            Invitations
          </h2>
          <InviteMemberForm
            orgSlug={ctx.org.slug}
            assignableRoles={ROLES.filter((role) => mayInviteAs(ctx.role, role))}
            steppedUp={steppedUp}
            mailSent={mailSent}
            inviteAction={inviteMemberAction}
          />
          <PendingInvitations
            orgSlug={ctx.org.slug}
            invitations={await listInvitations(getDb(), { orgId: ctx.org.id, viewerId: ctx.principal.userId })}
            mailSent={mailSent}
            resendAction={resendInvitationAction}
            copyLinkAction={copyInvitationLinkAction}
            revokeAction={revokeInvitationAction}
          />
        </section>
      ) : null}
      <MembersTable
        rows={rows}
        total={total}
        query={query}
        actions={{
          orgSlug: ctx.org.slug,
          viewerId: ctx.principal.userId,
          viewerRole: ctx.role,
          steppedUp,
          ownerCount,
          can: {
            changeRole: can("members.update"),
            remove: can("members.remove"),
            transfer: can("org.transfer_ownership"),
          },
          changeRole: changeMemberRoleAction,
          remove: removeMemberAction,
          leave: leaveOrganizationAction,
          transfer: transferOwnershipAction,
        }}
      />
    </div>
  );
}
