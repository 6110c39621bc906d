import type { Metadata } from "next";
import { MembersTable } from "@/components/members/members-table";
import { getDb } from "@/lib/db";
import { loadOrgPage } from "@/lib/guard";
import { listMembers, ZMembersQuery } from "@/lib/members/list-members";
import { changeMemberRoleAction, leaveOrganizationAction, removeMemberAction, transferOwnershipAction } from "./actions";

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
  const query = ZMembersQuery.parse(Object.fromEntries(Object.entries(await searchParams).filter(([, value]) => typeof value === "string")));
  const { rows, total } = await listMembers(getDb(), { orgId: ctx.org.id, query });
  const can = (permission: (typeof ctx.permissions)[number]) => ctx.permissions.includes(permission);

  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Members</h1>
        <p className="text-sm text-slate-500">People in {ctx.org.name}, their roles and their second factor.</p>
      </div>
      <MembersTable
        rows={rows}
        total={total}
        query={query}
        actions={{
          orgSlug: ctx.org.slug,
          viewerId: ctx.principal.userId,
          viewerRole: ctx.role,
          can: { changeRole: can("members.update"), remove: can("members.remove"), transfer: can("org.transfer_ownership") },
          changeRole: changeMemberRoleAction,
          remove: removeMemberAction,
          leave: leaveOrganizationAction,
          transfer: transferOwnershipAction,
        }}
      />
    </div>
  );
}
