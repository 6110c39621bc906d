import "server-only";
import type { z } from "zod";
import type { OrgContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import type { Permission } from "@/lib/rbac/permissions";
import { incomingRequest } from "./incoming-request";
import { orgAccess } from "./org-access";
import { parseBody, parseQuery } from "./parse-input";
import { runPipeline } from "./pipeline";
import { sessionPrincipal } from "./principal";
import { registerEntryPoint } from "./registry";
import { answerRoute } from "./route-answer";
import { assertSameOrigin } from "./same-origin";

/** The unread body of an entry point that streams it, once its media type is the one expected. */
function streamedBodyOf(request: Request, contentType: string | undefined): ReadableStream<Uint8Array> | null {
  if (contentType === undefined) return null;
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== contentType || !request.body) {
    const message = `Send the body as ${contentType}.`;
    throw new AppError("unsupported_media_type", message, { body: [message] });
  }
  return request.body;
}

type RouteContext = { params: Promise<Record<string, string | string[]>> };
type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;

/**
 * The adapter for every org-scoped panel route handler (`app/api/orgs/[orgSlug]/…`): a session from
 * this site, org membership and permission, zod-validated query and body, then the handler inside one
 * transaction. The handler may read the request's headers (content negotiation), never its body.
 */
export function withOrg<Q extends z.ZodType | undefined = undefined, B extends z.ZodType | undefined = undefined>(
  options: {
    name: string;
    permission: Permission;
    query?: Q;
    body?: B;
    transactionTimeoutMs?: number;
    /** A body of this media type, handed to the handler unread as `bodyStream` (an upload read as it arrives). */
    streamedBody?: { contentType: string };
  },
  handler: (args: {
    ctx: OrgContext;
    tx: Tx;
    query: Infer<Q>;
    body: Infer<B>;
    headers: Headers;
    bodyStream: ReadableStream<Uint8Array> | null;
  }) => Promise<unknown>,
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
          // Only GET and HEAD read: support mode may make them, and nothing else (lib/guard/support-access.ts).
          const method = request.method.toUpperCase();
          const intent =
            method === "GET" || method === "HEAD" ? { kind: "read" as const, via: "api" as const, method } : undefined;
          return orgAccess(scene, principal, String(orgSlug), options.permission, intent);
        },
        parse: async () => ({
          query: parseQuery(request, options.query as Q),
          body: await parseBody(request, options.body as B),
          bodyStream: streamedBodyOf(request, options.streamedBody?.contentType),
        }),
        transaction: { timeoutMs: options.transactionTimeoutMs },
        run: (ctx, input, tx) => handler({ ctx, tx, ...input, headers: request.headers }),
      }),
    );
  };
  const inputs = { query: options.query, body: options.body };
  const { name, permission } = options;
  registerEntryPoint({ kind: "route", name, permission, inputs, handle: handle as never });
  return handle;
}
