import "server-only";
import { AppError } from "@/lib/http/app-error";
import { requestedHost } from "@/lib/http/requested-host.mjs";

/**
 * Cross-site request forgery defence in depth (session cookies are already SameSite=Lax): a browser
 * always names the page that sent a state-changing request, and it must be this site: the host the
 * browser addressed (requestedHost, as the web server's server-action screen judges it), not the host
 * in request.url, which Next makes up from the listening address ("localhost" for 127.0.0.1).
 */
export function assertSameOrigin(request: Request) {
  if (request.method === "GET" || request.method === "HEAD") return;
  const origin = request.headers.get("origin");
  const asked =
    requestedHost({ forwardedHost: request.headers.get("x-forwarded-host"), host: request.headers.get("host") }) ??
    new URL(request.url).host;
  if (origin && origin !== "null" && URL.canParse(origin) && new URL(origin).host === asked) return;
  if (origin || request.headers.get("sec-fetch-site") === "cross-site") {
    throw new AppError("forbidden", "Cross-site requests are not accepted.");
  }
}
