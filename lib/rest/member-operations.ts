import { z } from "zod";
import type { ApiOperation } from "@/lib/guard/api-operation";
import { ZInviteMember, ZRole } from "@/lib/members/schemas";
import { FEATURE_FLAGS } from "@/lib/orgs/org-settings-view";

const ZUserIdParams = z.object({ userId: z.uuid("Unknown member.") }).strict();

export const ZApiOrg = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string().describe("The organization's address in the panel's URLs."),
  brandColor: z.string().nullable(),
  logoUrl: z.string().nullable(),
  allowedEmailDomains: z.array(z.string()).describe("Invitations may only go to these domains; empty: any."),
  featureFlags: z.object(Object.fromEntries(FEATURE_FLAGS.map(({ key }) => [key, z.boolean()]))),
});

/**
 * A change of some of the settings: the fields given replace the current ones, the others stay. Values are checked
 * by the same parser as the panel's settings form (lib/orgs/update-org-settings.ts).
 */
const ZOrgPatch = z
  .object({
    name: z.string(),
    slug: z.string(),
    brandColor: z.string().nullable(),
    logoUrl: z.string().nullable(),
    allowedEmailDomains: z.array(z.string()).max(1000),
    featureFlags: z.record(z.string(), z.boolean()),
  })
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, "Give at least one field to change.");

/**
 * Members and the organization's settings over REST, with the panel's rules and audit entries: the same
 * services run behind both. Whatever gives or takes the Owner role needs a person who has just confirmed it's
 * them in the panel, so a key gets 403 step_up_required for it.
 */
export const MEMBER_OPERATIONS = {
  inviteMember: {
    operationId: "inviteMember",
    method: "POST",
    path: "/members",
    tag: "Members",
    summary: "Invite someone by email with a role (the invitation link goes by mail only)",
    description:
      "Recorded as member.invited. An address already a member, or with a pending invitation, is a 409; an " +
      "address outside the organization's allowed domains a 400; inviting an owner needs the panel (403).",
    permission: "members.invite",
    body: ZInviteMember,
    response: z.object({ invitationId: z.string(), email: z.string(), role: ZRole, expiresAt: z.string() }),
    status: 201,
    idempotent: true,
  },
  changeMemberRole: {
    operationId: "changeMemberRole",
    method: "PATCH",
    path: "/members/{userId}",
    tag: "Members",
    summary: "Change a member's role",
    description:
      "Recorded as member.role_changed. An admin cannot touch owners; the last owner cannot be demoted (409); " +
      "giving or removing the Owner role needs the panel (403).",
    permission: "members.update",
    params: ZUserIdParams,
    body: z.object({ role: ZRole }).strict(),
    response: z.object({ userId: z.string(), role: ZRole }),
    status: 200,
  },
  removeMember: {
    operationId: "removeMember",
    method: "DELETE",
    path: "/members/{userId}",
    tag: "Members",
    summary: "Remove a member: their API keys here are revoked, their sessions end if this was their last organization",
    description: "Recorded as member.removed. Removing an owner needs the panel (403); the last owner never (409).",
    permission: "members.remove",
    params: ZUserIdParams,
    response: z.object({ userId: z.string(), removed: z.literal(true) }),
    status: 200,
  },
  getOrg: {
    operationId: "getOrg",
    method: "GET",
    path: "/org",
    tag: "Organization",
    summary: "The organization's settings",
    permission: "org.read",
    response: ZApiOrg,
    status: 200,
  },
  updateOrg: {
    operationId: "updateOrg",
    method: "PATCH",
    path: "/org",
    tag: "Organization",
    summary: "Change some of the organization's settings",
    description:
      "Recorded as org.updated with, before and after, only the fields that changed (nothing is recorded when " +
      "nothing changed). A slug another organization has, or had, is a 409. Feature flags not in the list are a 400.",
    permission: "org.update",
    body: ZOrgPatch,
    requestExample: { name: "Acme Inc." },
    response: ZApiOrg,
    status: 200,
  },
} as const satisfies Record<string, ApiOperation>;
