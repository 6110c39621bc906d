import { withApiKey } from "@/lib/guard/with-api-key";
import { inviteMember } from "@/lib/members/invite-member";
import { listMembers } from "@/lib/members/list-members";
import { API_OPERATIONS } from "@/lib/rest/operations";
import { refuseOtherMethods } from "@/lib/rest/unsupported-methods";

export const GET = withApiKey(API_OPERATIONS.listMembers, async ({ ctx, db, query }) => {
  const { rows, total } = await listMembers(db, { orgId: ctx.org.id, query: { ...query, sort: "name", dir: "asc" } });
  return { data: rows.map((row) => ({ ...row, lastActiveAt: row.lastActiveAt?.toISOString() ?? null })), total };
});

export const POST = withApiKey(API_OPERATIONS.inviteMember, async ({ ctx, tx, body }) => {
  const sent = await inviteMember({ ctx, tx, input: body });
  return { ...sent, expiresAt: sent.expiresAt.toISOString() };
});

// Methods this route does not serve: 405 problem+json with Allow.
export const { PUT, PATCH, DELETE } = refuseOtherMethods("GET", "POST");
