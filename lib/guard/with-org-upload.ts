import "server-only";
import type { OrgContext } from "@/lib/context";
import type { Permission } from "@/lib/rbac/permissions";
import { incomingRequest } from "./incoming-request";
import { orgAccess } from "./org-access";
import { runPipeline } from "./pipeline";
import { sessionPrincipal } from "./principal";
import { registerEntryPoint } from "./registry";
import { answerRoute } from "./route-answer";
import { assertSameOrigin } from "./same-origin";

type RouteContext = { params: Promise<Record<string, string | string[]>> };
/** The request body as it arrives, unread: the service parses it while streaming it to storage. */
export type StreamedUpload = { contentType: string | null; body: ReadableStream<Uint8Array> | null };

/**
 * The panel's adapter for an org-scoped upload (`app/api/orgs/[orgSlug]/…`, multipart): the same steps as withOrg
 * (a session from this site, membership and permission, refusals recorded) but the body is handed on as a stream
 * and the work runs outside any transaction, since a large file must not hold one open; the service opens its own
 * around its writes and audit entries.
 */
export function withOrgUpload(
  options: { name: string; permission: Permission },
  handler: (args: { ctx: OrgContext; upload: StreamedUpload }) => Promise<unknown>,
) {
  const handle = async (request: Request, routeContext: RouteContext): Promise<Response> => {
    const { context, credentials } = incomingRequest(request);
    return answerRoute(context, () =>
      runPipeline({
        request: context,
        authorize: async (scene) => {
          assertSameOrigin(request);
          const principal = await sessionPrincipal(scene, credentials, "Sign in to continue.");
          const { orgSlug } = await routeContext.params;
          return orgAccess(scene, principal, String(orgSlug), options.permission);
        },
        parse: () => ({ contentType: request.headers.get("content-type"), body: request.body }),
        transaction: false,
        run: (ctx, upload) => handler({ ctx, upload }),
      }),
    );
  };
  registerEntryPoint({ kind: "route", name: options.name, permission: options.permission, handle: handle as never });
  return handle;
}
