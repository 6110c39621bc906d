import "server-only";
import type { z } from "zod";
import { ApiKeyRefusal, rateLimitHeaders, type ApiKeyAccess } from "@/lib/api-keys/authenticate-api-key";
import { recordKeyRequest, recordRefusedKeyRequest } from "@/lib/api-keys/record-key-request";
import type { ApiKeyPrincipal, OrgContext } from "@/lib/context";
import { getDb, readClient, type Db, type ReadClient, type Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { problemResponse } from "@/lib/http/problem";
import { apiKeyAccess } from "./api-key-access";
import type { ApiOperation } from "./api-operation";
import { onceForIdempotencyKey } from "./idempotency";
import { incomingRequest } from "./incoming-request";
import { parseInput, readStorableBody } from "./parse-input";
import { runPipeline } from "./pipeline";
import { registerEntryPoint } from "./registry";
import type { Scene } from "./scene";

type RouteContext = { params: Promise<Record<string, string | string[]>> };
type Infer<T> = T extends z.ZodType ? z.infer<T> : undefined;
/** A streamed operation's handler returns its own Response; every other one the response object. */
type ApiResult<O extends ApiOperation> = O extends { stream: object } ? Response : z.infer<O["response"]>;

/**
 * A read (GET) runs on the client, outside any transaction (ReadClient); any other operation, and a read that is
 * itself on the record (`recordsRead: true`), in one transaction. An upload, and a read that commits its own record
 * (`recordsRead: "on-its-own"`), get the client itself and open their own transactions. A one-statement write gets
 * the transaction with an Idempotency-Key, else `tx` null and the client (`oneStatementWithoutIdempotencyKey`).
 */
type DataAccess<O extends ApiOperation> = O extends { multipart: object } | { recordsRead: "on-its-own" }
  ? { db: Db; request: Request }
  : O extends { oneStatementWithoutIdempotencyKey: true }
    ? { tx: Tx; db?: undefined } | { tx: null; db: Db }
    : O["method"] extends "GET"
      ? O["recordsRead"] extends true
        ? { tx: Tx }
        : { db: ReadClient }
      : { tx: Tx };

export type ApiHandlerArgs<O extends ApiOperation> = {
  ctx: OrgContext<ApiKeyPrincipal>;
  params: Infer<O["params"]>;
  query: Infer<O["query"]>;
  body: Infer<O["body"]>;
  access: ApiKeyAccess;
} & DataAccess<O> &
  (O extends { streamedBody: object } ? { bodyStream: ReadableStream<Uint8Array> } : unknown);

/** A streamed body's media type, checked before the handler reads a byte of it. */
function streamedBodyOf(operation: ApiOperation, request: Request): { bodyStream?: ReadableStream<Uint8Array> } {
  if (!operation.streamedBody) return {};
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  const expected = operation.streamedBody.contentType;
  if (type !== expected || !request.body) {
    const message = `Send the body as ${expected}.`;
    throw new AppError("unsupported_media_type", message, { body: [message] });
  }
  return { bodyStream: request.body };
}

/** The path, query and body through the operation's schemas (the raw body too: an Idempotency-Key hashes it). */
async function parseOperation(operation: ApiOperation, request: Request, url: URL, routeContext: RouteContext) {
  const params = operation.params ? parseInput(operation.params, await routeContext.params) : undefined;
  const query = operation.query ? parseInput(operation.query, Object.fromEntries(url.searchParams)) : undefined;
  const rawBody = operation.body ? await readStorableBody(request, operation.maxBodyBytes) : undefined;
  const body = operation.body ? operation.body.parse(rawBody) : undefined;
  return { params, query, body, rawBody, ...streamedBodyOf(operation, request) };
}

/**
 * The /api/v1 adapter over the guard pipeline: the API key names the organization, the key's holder
 * and what it may do (api-key-access.ts); the path, query and body are validated against the
 * operation's zod schemas; a read (GET) runs on the client, any other operation in one transaction
 * (honouring an Idempotency-Key where the operation accepts one), and its result is parsed against the response schema, so a new column
 * never leaks. Every answer carries the request id and, once the key is counted, RateLimit headers.
 */
export function withApiKey<O extends ApiOperation>(
  operation: O,
  handler: (args: ApiHandlerArgs<O>) => Promise<ApiResult<O>>,
) {
  const reads = operation.method === "GET" && !operation.recordsRead;
  // An upload reads its own body and opens its own transactions (the bytes reach storage before any); a read on the
  // record "on its own" commits its entry itself, before it answers.
  const ownTransactions = operation.multipart !== undefined || operation.recordsRead === "on-its-own";
  const handle = async (request: Request, routeContext: RouteContext): Promise<Response> => {
    const { context } = incomingRequest(request);
    const url = new URL(request.url);
    const headers: Record<string, string> = context.requestId ? { "x-request-id": context.requestId } : {};
    let streamed: Response | null = null;
    /** The key, once the lookup has named it: its request log gets this request, whatever the answer. */
    let caller: { orgId: string; keyId: string } | null = null;
    const logged = async (response: Response) => {
      if (caller === null) return response;
      const ip = context.ip;
      await recordKeyRequest(getDb(), {
        ...caller,
        method: request.method,
        path: url.pathname,
        status: response.status,
        ip,
      });
      return response;
    };
    type Input = Awaited<ReturnType<typeof parseOperation>>;
    const idempotencyKey = operation.idempotent ? request.headers.get("idempotency-key") : null;
    const oneStatement = operation.oneStatementWithoutIdempotencyKey === true && idempotencyKey === null;
    const perform = async (access: ApiKeyAccess, input: Omit<Input, "rawBody">, client: Tx | ReadClient) => {
      const data = ownTransactions
        ? { db: getDb(), request }
        : oneStatement
          ? { tx: null, db: getDb() }
          : reads
            ? { db: client }
            : { tx: client };
      const args = { ctx: access.ctx, access, ...input, ...data } as unknown as ApiHandlerArgs<O>;
      const result: unknown = await handler(args);
      if (!operation.stream) return { status: operation.status, body: operation.response.parse(result) };
      if (!(result instanceof Response)) {
        throw new Error(`${operation.operationId} is a streamed operation: its handler must return a Response`);
      }
      streamed = result;
      return { status: operation.status, body: null };
    };
    const steps = {
      request: context,
      authorize: async (scene: Scene) => {
        const access = await apiKeyAccess(scene, request, url.pathname, operation.permission);
        caller = { orgId: access.ctx.org.id, keyId: access.ctx.principal.keyId };
        Object.assign(headers, rateLimitHeaders(access.rateLimit));
        return access;
      },
      parse: () => parseOperation(operation, request, url, routeContext),
    };
    try {
      const result =
        reads || ownTransactions || oneStatement
          ? await runPipeline({
              ...steps,
              transaction: false,
              run: async (access, { rawBody: _, ...input }) => ({
                ...(await perform(access, input, readClient())),
                replayed: false,
              }),
            })
          : await runPipeline({
              ...steps,
              transaction: { timeoutMs: operation.transactionTimeoutMs },
              run: (access, { rawBody, ...input }, tx) => {
                const work = () => perform(access, input, tx);
                if (idempotencyKey === null) return work().then((response) => ({ ...response, replayed: false }));
                const described = `${request.method} ${url.pathname} ${JSON.stringify(rawBody)}`;
                const scope = {
                  orgId: access.ctx.org.id,
                  apiKeyId: access.ctx.principal.keyId,
                  key: idempotencyKey,
                  request: described,
                };
                return onceForIdempotencyKey(tx, scope, work);
              },
            });
      if (result.replayed) headers["idempotent-replayed"] = "true";
      if (streamed !== null) {
        const response: Response = streamed;
        for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
        return logged(response);
      }
      return logged(Response.json(result.body, { status: result.status, headers }));
    } catch (error) {
      const response = problemResponse(error, context.requestId);
      const extra = error instanceof ApiKeyRefusal ? error.headers : {};
      for (const [name, value] of Object.entries({ ...headers, ...extra })) response.headers.set(name, value);
      // A refused genuine key is in its log too (a flood past its rate limit once a window, as in the trail).
      const keyUse = error instanceof ApiKeyRefusal ? error.keyUse : undefined;
      if (keyUse) {
        // Throttled and not awaited: a dead key hammering the API costs no database write per call.
        const line = { orgId: keyUse.orgId, keyId: keyUse.principal.keyId, method: request.method, path: url.pathname };
        recordRefusedKeyRequest(getDb(), { ...line, status: response.status, ip: context.ip });
        return response;
      }
      return logged(response);
    }
  };
  const inputs = { params: operation.params, query: operation.query, body: operation.body };
  const { operationId: name, permission } = operation;
  registerEntryPoint({ kind: "api", name, permission, inputs, handle: handle as never });
  return handle;
}
