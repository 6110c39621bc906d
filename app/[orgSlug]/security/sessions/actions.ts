"use server";

import { z } from "zod";
import { revokeOtherSessions, revokeOwnSession } from "@/lib/auth/revoke-sessions";
import { revokeMemberSessions } from "@/lib/members/revoke-member-sessions";
import { orgAction } from "@/lib/guard/org-action";

const revokeOwn = orgAction(
  { name: "sessions.revoke_own", permission: "org.read", input: z.object({ sessionId: z.uuid() }).strict() },
  ({ ctx, tx, input }) => revokeOwnSession({ ctx, tx, sessionId: input.sessionId }),
);

const revokeOthers = orgAction(
  { name: "sessions.revoke_all_others", permission: "org.read", input: z.object({}).strict() },
  ({ ctx, tx }) => revokeOtherSessions({ ctx, tx }),
);

const revokeMember = orgAction(
  {
    name: "sessions.revoke_all_of_member",
    permission: "members.update",
    input: z.object({ userId: z.uuid() }).strict(),
  },
  ({ ctx, tx, input }) => revokeMemberSessions({ ctx, tx, userId: input.userId }),
);

export async function revokeOwnSessionAction(orgSlug: string, input: unknown) {
  return revokeOwn(orgSlug, input);
}

export async function revokeOtherSessionsAction(orgSlug: string, input: unknown) {
  return revokeOthers(orgSlug, input);
}

export async function revokeMemberSessionsAction(orgSlug: string, input: unknown) {
  return revokeMember(orgSlug, input);
}
