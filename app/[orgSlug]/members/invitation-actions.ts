"use server";

import { orgAction } from "@/lib/guard/org-action";
import { copyInvitationLink } from "@/lib/members/copy-invitation-link";
import { inviteMember } from "@/lib/members/invite-member";
import { resendInvitation } from "@/lib/members/resend-invitation";
import { revokeInvitation } from "@/lib/members/revoke-invitation";
import { ZInvitationRef, ZInviteMember } from "@/lib/members/schemas";
import { deliverMailAfterCommit } from "@/lib/mail";

const invite = orgAction(
  { name: "invitations.create", permission: "members.invite", input: ZInviteMember },
  ({ ctx, tx, input }) => inviteMember({ ctx, tx, input }),
);

const resend = orgAction(
  { name: "invitations.resend", permission: "members.invite", input: ZInvitationRef },
  ({ ctx, tx, input }) => resendInvitation({ ctx, tx, input }),
);

const revoke = orgAction(
  { name: "invitations.revoke", permission: "members.invite", input: ZInvitationRef },
  ({ ctx, tx, input }) => revokeInvitation({ ctx, tx, input }),
);

const copyLink = orgAction(
  { name: "invitations.copy_link", permission: "members.invite", input: ZInvitationRef },
  ({ ctx, tx, input }) => copyInvitationLink({ ctx, tx, input }),
);

/** Invites `{ email, role }` to the org named by the slug (the guard checks the caller belongs to it). */
export async function inviteMemberAction(orgSlug: string, input: unknown) {
  const result = await invite(orgSlug, input);
  // Only once the invitation has committed may its mail leave.
  if (result.ok) deliverMailAfterCommit();
  return result;
}

/** `{ invitationId }`: a new link and a new 7-day expiry. */
export async function resendInvitationAction(orgSlug: string, input: unknown) {
  const result = await resend(orgSlug, input);
  if (result.ok) deliverMailAfterCommit();
  return result;
}

/** `{ invitationId }`: the link stops working. */
export async function revokeInvitationAction(orgSlug: string, input: unknown) {
  return revoke(orgSlug, input);
}

/** `{ invitationId }`: a fresh link for its inviter to hand over (the earlier link stops working). */
export async function copyInvitationLinkAction(orgSlug: string, input: unknown) {
  return copyLink(orgSlug, input);
}
