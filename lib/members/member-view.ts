import { z } from "zod";
import { ROLES, type RoleName } from "@/lib/rbac/permissions";

/** What the members screen receives, safe to name in a client component (the services are server-only). */
export const MEMBER_SORTS = ["name", "email", "role", "lastActive"] as const;
export type MemberSort = (typeof MEMBER_SORTS)[number];

/** The members table's query as the page parsed it from the URL (lib/members/list-members.ts holds the parser). */
export type TMembersQuery = {
  q: string;
  role?: RoleName;
  sort: MemberSort;
  dir: "asc" | "desc";
  page: number;
  pageSize: number;
};

export const ZMemberRow = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
  mfaEnabled: z.boolean(),
  lastActiveAt: z.date().nullable(),
});
export type TMemberRow = z.infer<typeof ZMemberRow>;

/** What the pending-invitations list may show: parsed on the way out, so the token hash never leaves. */
export const ZInvitationView = z.object({
  id: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
  invitedBy: z.object({ name: z.string(), email: z.string() }),
  lastSentAt: z.date(),
  expiresAt: z.date(),
  expired: z.boolean(),
  /** Whether the viewer sent it: only they may copy its link (lib/members/copy-invitation-link.ts). */
  sentByViewer: z.boolean(),
});
export type TInvitationView = z.infer<typeof ZInvitationView>;
