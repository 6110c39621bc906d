import "server-only";
import { recordRevocation, refuse, type Args, type Revoked } from "@/lib/auth/revoke-sessions";
import { AppError } from "@/lib/http/app-error";
import { findMember } from "./membership-rules";

/**
 * An owner or admin ends every session of a member of this org (a lost laptop, a departing
 * employee). Only owners may do this to an owner: an admin must not lock out the people above them.
 */
export async function revokeMemberSessions(args: Args & { userId: string }): Promise<Revoked> {
  const { ctx, tx, userId, now = new Date() } = args;
  // Someone outside this org answers like someone who does not exist (no enumeration); another
  // organization's member is recorded, flagged, in their organizations.
  const member = await findMember(tx, ctx.org.id, userId, "members.update");
  if (member.role === "OWNER" && ctx.role !== "OWNER") {
    refuse(new AppError("forbidden", "Only an owner can revoke an owner's sessions."), {
      permission: "members.update",
      reason: "owner_protected",
    });
  }
  // The org (and, for admins, the role) is also in the update's where: it holds even if the membership changed meanwhile.
  const { count } = await tx.session.updateMany({
    where: {
      userId,
      revokedAt: null,
      user: {
        memberships: { some: { orgId: ctx.org.id, ...(ctx.role === "OWNER" ? {} : { role: { not: "OWNER" } }) } },
      },
    },
    // The reason tells the person, on their next visit, that an administrator ended it (not an expiry).
    data: { revokedAt: now, revokedReason: "admin" },
  });
  if (count > 0) await recordRevocation(args, member.user, [ctx.org.id], { sessionId: "*", scope: "all_of_member" });
  return { revoked: count, endedCurrent: userId === ctx.principal.userId };
}
