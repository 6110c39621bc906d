import { withApiKey } from "@/lib/guard/with-api-key";
import { changeMemberRole } from "@/lib/members/change-member-role";
import { removeMember } from "@/lib/members/remove-member";
import { API_OPERATIONS } from "@/lib/rest/operations";
import { refuseOtherMethods } from "@/lib/rest/unsupported-methods";

export const PATCH = withApiKey(API_OPERATIONS.changeMemberRole, async ({ ctx, tx, params, body }) => {
  const { role } = await changeMemberRole({ ctx, tx, input: { userId: params.userId, role: body.role } });
  return { userId: params.userId, role };
});

export const DELETE = withApiKey(API_OPERATIONS.removeMember, async ({ ctx, tx, params }) => {
  await removeMember({ ctx, tx, input: { userId: params.userId } });
  return { userId: params.userId, removed: true as const };
});

// Methods this route does not serve: 405 problem+json with Allow.
export const { GET, POST, PUT } = refuseOtherMethods("PATCH", "DELETE");
