import { GET as getAuditEvents } from "@/app/api/v1/audit-events/route";
import { GET as getCheckpoint } from "@/app/api/v1/audit-log/checkpoint/route";
import { GET as getConsistency } from "@/app/api/v1/audit-log/proof/consistency/route";
import { GET as getInclusion } from "@/app/api/v1/audit-log/proof/inclusion/route";
import { GET as getTile } from "@/app/api/v1/audit-log/tile/[...path]/route";
import type { ApiHandler } from "./api";

type Route = { pattern: RegExp; handler: ApiHandler; params?: (match: RegExpExecArray) => Record<string, unknown> };

const ROUTES: Route[] = [
  { pattern: /^\/api\/v1\/audit-events$/, handler: getAuditEvents as ApiHandler },
  { pattern: /^\/api\/v1\/audit-log\/checkpoint$/, handler: getCheckpoint as ApiHandler },
  { pattern: /^\/api\/v1\/audit-log\/proof\/consistency$/, handler: getConsistency as ApiHandler },
  { pattern: /^\/api\/v1\/audit-log\/proof\/inclusion$/, handler: getInclusion as ApiHandler },
  {
    pattern: /^\/api\/v1\/audit-log\/tile\/(.+)$/,
    handler: getTile as ApiHandler,
    params: (match) => ({ path: match[1].split("/") }),
  },
];

/**
 * A fetch that answers the panel's URLs with the real route handlers (the whole API-key stack, in this
 * process), as Next would route them: what the monitor's HTTP client talks to in tests. `intercept` can
 * answer instead, to play a panel that lies.
 */
export function panelFetch(
  intercept?: (path: string, url: string) => Response | undefined | Promise<Response | undefined>,
) {
  return async (url: string, init: { headers: Record<string, string> }): Promise<Response> => {
    const { pathname } = new URL(url);
    const forged = await intercept?.(pathname, url);
    if (forged) return forged;
    for (const route of ROUTES) {
      const match = route.pattern.exec(pathname);
      if (!match) continue;
      const request = new Request(url, { headers: { ...init.headers, "x-verity-peer-ip": "127.0.0.1" } });
      return route.handler(request, {
        params: Promise.resolve((route.params?.(match) ?? {}) as Record<string, string>),
      });
    }
    return new Response("not found", { status: 404 });
  };
}
