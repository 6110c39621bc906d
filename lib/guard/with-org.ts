import "server-only";
import { z } from "zod";
import { getDb, type Tx } from "@/lib/db";
import { AppError } from "@/lib/http/app-error";
import { problemResponse } from "@/lib/http/problem";
import { readJsonBody } from "@/lib/http/read-json-body";
import { requestContextFrom } from "@/lib/http/request-context";
import type { OrgContext, RequestContext } from "@/lib/context";
import { storableInput } from "@/lib/http/storable-input";
import type { Permission } from "@/lib/rbac/permissions";
import { recordCarriedDenial } from "./org-action";
import { resolveOrgAccess } from "./org-access";
import { resolvePrincipal } from "./principal";
import { registerEntryPoint } from "./registry";

type RouteContext = { params: Promise<Record<string, string | string[]>> };

/** Panel routes and the public ones (sign-up) take small JSON forms: nothing near this size. */
const MAX_BODY_BYTES = 64 * 1024;

async function readBody(request: Request, schema: z.ZodType | undefined): Promise<unknown> {
  if (!schema) return undefined;
  return schema.parse(storableInput(await readJsonBody(request, MAX_BODY_BYTES)));
}

function readQuery(request: Request, schema: z.ZodType | undefined): unknown {
  if (!schema) return undefined;
  return schema.parse(storableInput(Object.fromEntries(new URL(request.url).searchParams)));
}

/**
 * Cross-site request forgery defence in depth (session cookies are already SameSite=Lax): a browser
 * always names the page that sent a state-changing request, and it must be this site.
 */
function assertSameOrigin(request: Request) {
  if (request.method === "GET" || request.method === "HEAD") return;
  const origin = request.headers.get("origin");
  if (origin && origin !== "null" && URL.canParse(origin) && new URL(origin).host === new URL(request.url).host) return;
  if (origin || request.headers.get("sec-fetch-site") === "cross-site") {
    throw new AppError("forbidden", "Cross-site requests are not accepted.");
  }
}

/** Turns a handler's outcome, or its failure, into a response that carries the request id. */
async function respond(request: RequestContext, work: () => Promise<unknown>, onError?: (error: unknown) => Promise<void>): Promise<Response> {
  try {
    const result = await work();
    if (result instanceof Response) return result;
    return Response.json(result, { headers: { "x-request-id": request.requestId ?? "" } });
  } catch (error) {
    await onError?.(error);
    return problemResponse(error, request.requestId);
  }
}

/**
 * The wrapper for every org-scoped route handler (`app/api/orgs/[orgSlug]/…`): principal, org
 * membership, RBAC permission, zod-validated query and body, then the handler inside one transaction.
 * Inside it, use `tx` only: the embedded database runs one transaction at a time, so a query on
 * another connection would wait for this transaction to end.
 */
export function withOrg<Q extends z.ZodType | undefined = undefined, B extends z.ZodType | undefined = undefined>(
  options: { name: string; permission: Permission; query?: Q; body?: B; transactionTimeoutMs?: number },
  handler: (args: {
    ctx: OrgContext;
    tx: Tx;
    query: Q extends z.ZodType ? z.infer<Q> : undefined;
    body: B extends z.ZodType ? z.infer<B> : undefined;
  }) => Promise<unknown>,
) {
  const handle = async (request: Request, routeContext: RouteContext): Promise<Response> => {
    const context = requestContextFrom(request.headers);
    let authorized: OrgContext | null = null;
    return respond(context, async () => {
      assertSameOrigin(request);
      const principal = await resolvePrincipal({
        cookie: request.headers.get("cookie"),
        authorization: request.headers.get("authorization"),
      });
      if (!principal) throw new AppError("unauthenticated", "Sign in to continue.");
      const { orgSlug } = await routeContext.params;
      const ctx = await resolveOrgAccess(principal, String(orgSlug), options.permission, context);
      authorized = ctx;
      const query = readQuery(request, options.query);
      const body = await readBody(request, options.body);
      return getDb().$transaction(
        (tx) => handler({ ctx, tx, query: query as never, body: body as never }),
        { timeout: options.transactionTimeoutMs ?? 15_000 },
      );
    }, (error) => recordCarriedDenial(authorized, error));
  };
  registerEntryPoint({ kind: "route", name: options.name, permission: options.permission, inputs: { query: options.query, body: options.body }, handle: handle as never });
  return handle;
}

/** The same wrapper for the few endpoints that need no principal (sign-up, health). */
export function withPublic<B extends z.ZodType | undefined = undefined>(
  options: { name: string; body?: B },
  handler: (args: { request: RequestContext; body: B extends z.ZodType ? z.infer<B> : undefined }) => Promise<unknown>,
) {
  const handle = async (request: Request): Promise<Response> => {
    const context = requestContextFrom(request.headers);
    return respond(context, async () => handler({ request: context, body: (await readBody(request, options.body)) as never }));
  };
  registerEntryPoint({ kind: "route", name: options.name, permission: null, inputs: { body: options.body }, handle });
  return handle;
}
