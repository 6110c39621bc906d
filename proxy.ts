import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, newNonce } from "@/lib/http/content-security-policy";

/**
 * Every page gets a Content-Security-Policy with a nonce of its own. Next reads the nonce from the
 * request's CSP header and puts it on the scripts and styles it renders, so pages must render per
 * request (the root layout waits for the connection). Route handlers (/api) serve JSON, not
 * documents; the web server (lib/server) makes their answers no-store.
 */
export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const policy = contentSecurityPolicy({
    nonce,
    development: process.env.NODE_ENV === "development",
    // Written by the web server from the socket or a trusted proxy's X-Forwarded-Proto, never by the client.
    https: request.headers.get("x-verity-scheme") === "https",
  });
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  // The page asked for, so a forced detour (2FA enrolment) can come back to it. Set here, never taken from the client.
  headers.set("x-verity-path", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only: not route handlers, not Next's static files, and not link prefetches (no document).
      source: "/((?!api/|api$|_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
