import "server-only";
import { decode } from "next-auth/jwt";
import { getDb } from "@/lib/db/client";
import { sessionCookie, type Credentials } from "./principal";

/** Why a session someone still holds a cookie for was ended, when they should be told: see Session.revokedReason. */
export type EndedReason = "admin" | "removed";

/**
 * The reason a request's session (signed cookie, so it is theirs) was ended by someone else, or null
 * (no cookie, expired, signed out, or ended for a reason not worth a notice). Read only once the
 * session has already failed, so a live session never pays for it.
 */
export async function endedSessionReason({ cookie }: Pick<Credentials, "cookie">): Promise<EndedReason | null> {
  const token = sessionCookie(cookie);
  if (!token) return null;
  const claims = await decode({ token, secret: process.env.NEXTAUTH_SECRET ?? "" }).catch(() => null);
  if (typeof claims?.sessionId !== "string" || typeof claims.userId !== "string") return null;
  const session = await getDb()
    .session.findFirst({
      where: { id: claims.sessionId, userId: claims.userId, revokedAt: { not: null } },
      select: { revokedReason: true },
    })
    .catch(() => null);
  const reason = session?.revokedReason;
  return reason === "admin" || reason === "removed" ? reason : null;
}
