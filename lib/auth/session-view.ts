import { z } from "zod";
import { ROLES } from "@/lib/rbac/permissions";

/** What the sessions screen may show of a session: never the row itself (a new column must not leak). */
export const ZSessionView = z.object({
  id: z.uuid(),
  userAgent: z.string().nullable(),
  ip: z.string().nullable(),
  location: z.string().nullable(),
  createdAt: z.date(),
  lastSeenAt: z.date(),
  current: z.boolean(),
});
export type TSessionView = z.infer<typeof ZSessionView>;

export const ZMemberSessionsView = z.object({
  userId: z.uuid(),
  name: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
  liveSessions: z.number().int(),
});
export type TMemberSessionsView = z.infer<typeof ZMemberSessionsView>;

/** What a revocation reports: how many sessions ended, and whether the one making the request was among them. */
export type Revoked = { revoked: number; endedCurrent: boolean };
