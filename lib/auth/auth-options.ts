import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { requestContextFrom } from "@/lib/http/request-context";
import { safeRedirectPath } from "@/lib/http/safe-redirect-path";
import { redeemSignInGrant, signOut } from "./sign-in";
import { SESSION_ABSOLUTE_MS } from "./sessions";

declare module "next-auth" {
  interface User {
    sessionId: string;
  }
  /** What GET /api/auth/session hands page JavaScript: the session id is not in it (see the session callback). */
  interface Session {
    userId: string;
  }
}
declare module "next-auth/jwt" {
  interface JWT {
    sessionId?: string;
    userId?: string;
  }
}

/** next-auth hands authorize() the raw request headers as a plain object. */
function headerSource(headers: Record<string, unknown> | undefined) {
  return {
    get: (name: string) => {
      const value = headers?.[name.toLowerCase()];
      return typeof value === "string" ? value : Array.isArray(value) ? String(value[0]) : null;
    },
  };
}

/**
 * next-auth issues the cookie; Verity decides whether it is still good. The JWT carries only the
 * user id and the id of a Session row, which the guard checks on every request.
 */
export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_ABSOLUTE_MS / 1000 },
  pages: { signIn: "/signin" },
  providers: [
    CredentialsProvider({
      // The password and second factor are checked by Verity's own sign-in steps (lib/auth/sign-in.ts),
      // which end in a one-time grant; next-auth only redeems that grant for the session cookie.
      name: "Verity sign-in grant",
      credentials: { grant: { type: "text" } },
      async authorize(credentials, req) {
        if (typeof credentials?.grant !== "string" || credentials.grant.length > 100) return null;
        const result = await redeemSignInGrant({
          grant: credentials.grant,
          context: requestContextFrom(headerSource(req?.headers)),
        });
        return result ? { id: result.userId, sessionId: result.sessionId } : null;
      },
    }),
  ],
  callbacks: {
    // Where next-auth sends the browser after sign-out (signOut({ callbackUrl })): only a path on the
    // panel, judged like every other redirect target (no open redirect).
    async redirect({ url, baseUrl }) {
      const path = url.startsWith(`${baseUrl}/`) ? url.slice(baseUrl.length) : url;
      return `${baseUrl}${safeRedirectPath(path, baseUrl)}`;
    },
    async jwt({ token, user }) {
      if (user) {
        token.userId = user.id;
        token.sessionId = user.sessionId;
      }
      return token;
    },
    // The session callback shapes what /api/auth/session answers to any script on the page. The id of
    // the Session row stays in the JWT (an httpOnly cookie), read on the server by the guard
    // (lib/guard/principal.ts): a script injected into a page must not learn it.
    async session({ session, token }) {
      return { expires: session.expires, userId: token.userId ?? "" };
    },
  },
  events: {
    async signOut({ token }) {
      if (!token?.sessionId || !token.userId) return;
      const { headers } = await import("next/headers");
      await signOut({ userId: token.userId, sessionId: token.sessionId, context: requestContextFrom(await headers()) });
    },
  },
};
