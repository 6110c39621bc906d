"use server";

import { actionFailure, orgAction, type ActionResult } from "@/lib/guard";
import { inviteMember, type Refused } from "@/lib/members/invite-member";
import { resendInvitation } from "@/lib/members/resend-invitation";
import { revokeInvitation } from "@/lib/members/revoke-invitation";
import { ZInvitationRef, ZInviteMember } from "@/lib/members/schemas";
import { deliverMailAfterCommit } from "@/lib/mail";

/** A refusal whose denial entry was committed becomes the same failure a thrown error would have been. */
function answer<T extends object>(result: ActionResult<T | Refused>): ActionResult<T> {
  if (!result.ok) return result;
  return "refused" in result.data ? actionFailure(result.data.refused) : { ok: true, data: result.data as T };
}

const invite = orgAction({ name: "invitations.create", permission: "members.invite", input: ZInviteMember }, ({ ctx, tx, input }) =>
  inviteMember({ ctx, tx, input }),
);

const resend = orgAction({ name: "invitations.resend", permission: "members.invite", input: ZInvitationRef }, ({ ctx, tx, input }) =>
  resendInvitation({ ctx, tx, input }),
);

const revoke = orgAction({ name: "invitations.revoke", permission: "members.invite", input: ZInvitationRef }, ({ ctx, tx, input }) =>
  revokeInvitation({ ctx, tx, input }),
);

/** Invites `{ email, role }` to the org named by the slug (the guard checks the caller belongs to it). */
export async function inviteMemberAction(orgSlug: string, input: unknown) {
  const result = answer(await invite(orgSlug, input));
  // Only once the invitation has committed may its mail leave.
  if (result.ok) deliverMailAfterCommit();
  return result;
}

/** `{ invitationId }`: a new link and a new 7-day expiry. */
export async function resendInvitationAction(orgSlug: string, input: unknown) {
  const result = answer(await resend(orgSlug, input));
  if (result.ok) deliverMailAfterCommit();
  return result;
}

/** `{ invitationId }`: the link stops working. */
export async function revokeInvitationAction(orgSlug: string, input: unknown) {
  return answer(await revoke(orgSlug, input));
}
