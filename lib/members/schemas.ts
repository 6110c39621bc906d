import { z } from "zod";
import { ZEmail, ZSignUp } from "@/lib/auth/schemas";
import { ROLES } from "@/lib/rbac/permissions";

/**
 * Member input shared by the services, the server actions and the forms. No "server-only" here:
 * the forms may read the same rules.
 */
export const ZRole = z.enum(ROLES, { message: "Choose one of the roles: owner, admin, member or auditor." });

export const ZInviteMember = z.object({ email: ZEmail, role: ZRole }).strict();
export type TInviteMember = z.infer<typeof ZInviteMember>;

export const ZInvitationRef = z.object({ invitationId: z.uuid({ message: "No such invitation." }) }).strict();
export type TInvitationRef = z.infer<typeof ZInvitationRef>;

export const INVALID_INVITATION = "This invitation link is invalid. Ask whoever invited you for a new one.";

/** The token from the emailed link: 43 base64url characters when genuine; anything far off is refused unhashed. */
export const ZInvitationToken = z.string().min(16, INVALID_INVITATION).max(128, INVALID_INVITATION);

export const ZAcceptInvitation = z.object({ token: ZInvitationToken }).strict();
export type TAcceptInvitation = z.infer<typeof ZAcceptInvitation>;

/** A new account made from an invitation: the email is the invitation's, never the form's. */
export const ZAcceptInvitationAsNewUser = z
  .object({ token: ZInvitationToken, name: ZSignUp.shape.name, password: ZSignUp.shape.password })
  .strict();
export type TAcceptInvitationAsNewUser = z.infer<typeof ZAcceptInvitationAsNewUser>;
