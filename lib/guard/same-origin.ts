import "server-only";
import { AppError } from "@/lib/http/app-error";

/**
 * Cross-site request forgery defence in depth (session cookies are already SameSite=Lax): a browser
 * always names the page that sent a state-changing request, and it must be this site.
 */
export function assertSameOrigin(request: Request) {
  if (request.method === "GET" || request.method === "HEAD") return;
  const origin = request.headers.get("origin");
  if (origin && origin !== "null" && URL.canParse(origin) && new URL(origin).host === new URL(request.url).host) return;
  if (origin || request.headers.get("sec-fetch-site") === "cross-site") {
    throw new AppError("forbidden", "Cross-site requests are not accepted.");
  }
}
