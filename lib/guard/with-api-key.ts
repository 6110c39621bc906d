import "server-only";
import type { z } from "zod";
import { authenticateApiKey, ApiKeyRefusal, rateLimitHeaders, type ApiKeyAccess } from "@/lib/api-keys/authenticate-api-key";
import { getDb, type Tx } from "@/lib/db";
import { problemResponse } from "@/lib/http/problem";
import { requestContextFrom } from "@/lib/http/request-context";
import type { ApiKeyPrincipal, OrgContext } from "@/lib/context";
import { storableInput } from "@/lib/http/storable-input";
import { onceForIdempotencyKey } from "@/lib/rest/idempotency";
import { MAX_BODY_BYTES, type ApiOperation } from "@/lib/rest/operation";
import { readJsonBody } from "@/lib/http/read-json-body";
import { recordCarriedDenial } from "./org-action";
import { registerEntryPoint } from "./registry";

type RouteContext = { params: Promise<Record<string, string | string[]>> };
type Infer<T> = T extends z.ZodType ? z.infer<T> : undefined;
/** A streamed operation's handler returns its own Response; every other one the response object. */
type ApiResult<O extends ApiOperation> = O extends { stream: object } ? Response : z.infer<O["response"]>;

export type ApiHandlerArgs<O extends ApiOperation> = {
  ctx: OrgContext<ApiKeyPrincipal>;
  tx: Tx;
  params: Infer<O["params"]>;
  query: Infer<O["query"]>;
  body: Infer<O["body"]>;
  access: ApiKeyAccess;
};

/**
 * The guard for every /api/v1 handler: the API key (lib/api-keys/authenticate-api-key.ts) names the
 * organization, the key's creator and what it may do; then the path, query and body are validated
 * against the operation's zod schemas, the handler runs in one transaction (honouring an
 * Idempotency-Key where the operation accepts one), and its result is parsed against the response
 * schema, so a new column never leaks. Every answer carries the request id and RateLimit headers.
 */
export function withApiKey<O extends ApiOperation>(operation: O, handler: (args: ApiHandlerArgs<O>) => Promise<ApiResult<O>>) {
  const handle = async (request: Request, routeContext: RouteContext): Promise<Response> => {
    const context = requestContextFrom(request.headers);
    const headers: Record<string, string> = context.requestId ? { "x-request-id": context.requestId } : {};
    let access: ApiKeyAccess | null = null;
    try {
      const url = new URL(request.url);
      access = await authenticateApiKey(getDb(), {
        authorization: request.headers.get("authorization"),
        method: request.method,
        path: url.pathname,
        request: context,
        permission: operation.permission,
      });
      Object.assign(headers, rateLimitHeaders(access.rateLimit));
      // Text PostgreSQL cannot store and JSON too deep to hash are refused before zod or anything else reads them.
      const params = operation.params ? operation.params.parse(storableInput(await routeContext.params)) : undefined;
      const query = operation.query ? operation.query.parse(storableInput(Object.fromEntries(url.searchParams))) : undefined;
      const rawBody = operation.body ? storableInput(await readJsonBody(request, MAX_BODY_BYTES)) : undefined;
      const body = operation.body ? operation.body.parse(rawBody) : undefined;
      const authorized = access;
      let streamed: Response | null = null;
      const run = (tx: Tx) => async () => {
        const result: unknown = await handler({ ctx: authorized.ctx, tx, params: params as never, query: query as never, body: body as never, access: authorized });
        if (!operation.stream) return { status: operation.status, body: operation.response.parse(result) };
        if (!(result instanceof Response)) throw new Error(`${operation.operationId} is a streamed operation: its handler must return a Response`);
        streamed = result;
        return { status: operation.status, body: null };
      };
      const idempotencyKey = operation.idempotent ? request.headers.get("idempotency-key") : null;
      const result = await getDb().$transaction(
        (tx) =>
          idempotencyKey === null
            ? run(tx)().then((response) => ({ ...response, replayed: false }))
            : onceForIdempotencyKey(tx, { orgId: authorized.ctx.org.id, apiKeyId: authorized.ctx.principal.keyId, key: idempotencyKey, request: `${request.method} ${url.pathname} ${JSON.stringify(rawBody)}` }, run(tx)),
        { timeout: 15_000 },
      );
      if (result.replayed) headers["idempotent-replayed"] = "true";
      if (streamed !== null) {
        const response: Response = streamed;
        for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
        return response;
      }
      return Response.json(result.body, { status: result.status, headers });
    } catch (error) {
      await recordCarriedDenial(access?.ctx ?? null, error);
      const response = problemResponse(error, context.requestId);
      const extra = error instanceof ApiKeyRefusal ? error.headers : {};
      for (const [name, value] of Object.entries({ ...headers, ...extra })) response.headers.set(name, value);
      return response;
    }
  };
  registerEntryPoint({ kind: "api", name: operation.operationId, permission: operation.permission, inputs: { params: operation.params, query: operation.query, body: operation.body }, handle: handle as never });
  return handle;
}
