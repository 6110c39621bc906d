import "server-only";
import { cookies } from "next/headers";
import { encode } from "next-auth/jwt";
import { getDb } from "@/lib/db/client";
import { SESSION_ABSOLUTE_MS } from "./sessions";

/**
 * A new session id after a privilege elevation (step-up): the session that may now do sensitive
 * things is not the one whose id was in circulation before. The new row keeps the old one's sign-in
 * time and limits, the old row is revoked in the same transaction, and the browser's cookie is
 * re-issued with the new id (the cookie next-auth itself would write).
 */
export async function rotateSession({ userId, sessionId }: { userId: string; sessionId: string }): Promise<string> {
  const rotated = await getDb().$transaction(async (tx) => {
    const old = await tx.session.findFirstOrThrow({ where: { id: sessionId, userId, revokedAt: null } });
    const { id: _, geo, ...kept } = old;
    const fresh = await tx.session.create({ data: { ...kept, ...(geo === null ? {} : { geo }) } });
    await tx.session.update({ where: { id: old.id }, data: { revokedAt: new Date() } });
    return fresh;
  });
  const secure = (process.env.NEXTAUTH_URL ?? "").startsWith("https://");
  const maxAge = SESSION_ABSOLUTE_MS / 1000;
  const token = await encode({
    token: { userId, sessionId: rotated.id },
    secret: process.env.NEXTAUTH_SECRET ?? "",
    maxAge,
  });
  (await cookies()).set(`${secure ? "__Secure-" : ""}next-auth.session-token`, token, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure,
    maxAge,
  });
  return rotated.id;
}
