"use server";

import { publicAction } from "@/lib/guard/public-action";
import { userAction } from "@/lib/guard/user-action";
import { acceptInvitation, acceptInvitationAsNewUser } from "@/lib/members/accept-invitation";
import { ZAcceptInvitation, ZAcceptInvitationAsNewUser } from "@/lib/members/schemas";

/** A signed-in person joins with `{ token }`; the service checks the invitation is for their email. */
export const acceptInvitationAction = userAction(
  { name: "invitations.accept", input: ZAcceptInvitation },
  ({ principal, input, request }) => acceptInvitation({ principal, input, context: request }),
);

/** Someone without an account: `{ token, name, password }` creates it and joins, and returns a sign-in grant. */
export const acceptInvitationAsNewUserAction = publicAction(
  { name: "invitations.accept_as_new_user", input: ZAcceptInvitationAsNewUser },
  ({ input, request }) => acceptInvitationAsNewUser({ input, context: request }),
);
