import "server-only";
import { requestContextFrom } from "@/lib/http/request-context";

/** The methods a /api/v1 route may export besides OPTIONS, which Next answers itself (204 with Allow). */
export const ROUTE_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"] as const;
export type RouteMethod = (typeof ROUTE_METHODS)[number];
type Handler = (request: Request) => Response;

/** RFC 9457 problem+json for a refusal that never reaches the guard (no key is checked: nothing was going to run). */
function problem(request: Request, status: 404 | 405, title: string, detail: string, headers: HeadersInit = {}) {
  const { requestId } = requestContextFrom(request.headers);
  const body = { type: "about:blank", title, status, detail, ...(requestId ? { requestId } : {}) };
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      ...headers,
      "content-type": "application/problem+json",
      ...(requestId ? { "x-request-id": requestId } : {}),
    },
  });
}

/**
 * The handlers for the methods a route does not serve: 405 problem+json naming the ones it does, with
 * `Allow` (RFC 9110), instead of Next's empty 405. A route exports them beside its own:
 * `export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");`
 */
export function refuseOtherMethods<A extends RouteMethod>(...allowed: A[]): Record<Exclude<RouteMethod, A>, Handler> {
  const served = new Set<string>([...allowed, "OPTIONS", ...(allowed.includes("GET" as A) ? ["HEAD"] : [])]);
  const allow = [...served].sort().join(", ");
  const refuse: Handler = (request) =>
    problem(
      request,
      405,
      "Method not allowed",
      `${request.method} is not supported on ${new URL(request.url).pathname}; use ${allow}.`,
      { allow },
    );
  const others = ROUTE_METHODS.filter((method) => !served.has(method));
  return Object.fromEntries(others.map((method) => [method, refuse])) as Record<Exclude<RouteMethod, A>, Handler>;
}

/** Any /api/v1 address no route serves, whatever the method: 404 problem+json, never the panel's HTML page. */
export const unknownEndpoint: Handler = (request) =>
  problem(
    request,
    404,
    "Not found",
    `No API endpoint at ${new URL(request.url).pathname}. The operations are listed at /api/v1/openapi.json.`,
  );
