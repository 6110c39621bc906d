import type { z } from "zod";
import type { Permission } from "@/lib/rbac/permissions";

/**
 * One operation of the REST API, as data: the route handler's guard and the OpenAPI document are
 * both read off it, so the documentation cannot drift from what the handler validates.
 */
export type ApiOperation = {
  operationId: string;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** The OpenAPI path under /api/v1, with {braces} for path parameters. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  /** null: any valid key may call it (GET /me). */
  permission: Permission | null;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The docs' example body, where one generated from `body`'s schema would not pass its refinements. */
  requestExample?: Record<string, unknown>;
  response: z.ZodType;
  status: 200 | 201;
  /**
   * A body that is not JSON and is read by the handler as it arrives (a CSV import of a million rows): the guard
   * checks its media type and hands the handler the byte stream, unread. Exclusive with `body`.
   */
  streamedBody?: { contentType: string; description: string };
  /** How long the work may hold its transaction, where it is longer than a request's (an import). */
  transactionTimeoutMs?: number;
  /** The body's size limit, where it is not the one for every JSON body (lib/http/body-limit.ts): batches. */
  maxBodyBytes?: number;
  /**
   * A read that is itself on the record (a secret's value, a data-subject access package): the audit entry commits
   * before the answer leaves, or the answer is not sent. `true`: the guard runs it in one transaction like a change.
   * `"on-its-own"`: it runs outside any transaction, on the client, and its handler commits the entry itself before
   * it answers (a secret read by a key: lib/secrets/reveal-secret.ts, which needs no interactive transaction).
   */
  recordsRead?: true | "on-its-own";
  /**
   * A multipart/form-data upload the handler reads from the request's stream itself (no JSON body is read): it
   * runs outside any transaction and opens its own (the upload reaches storage first). Documented with `parts`.
   */
  multipart?: { parts: Record<string, { description: string; binary?: true; required?: boolean }>; maxBytes: number };
  /** Honours an Idempotency-Key header (24 hours). */
  idempotent?: boolean;
  /**
   * An idempotent write whose whole change is one statement (the REST ingest's appends and their usage counts): it
   * runs in the guard's transaction only with an Idempotency-Key (its answer is stored with the change). Without one
   * the handler gets `tx` null and the client, and commits its statement on its own.
   */
  oneStatementWithoutIdempotencyKey?: true;
  /**
   * The handler answers a Response of its own whose body is written after the request's transaction
   * ends (exports, verification): it is passed through with the request id and RateLimit headers,
   * not parsed against `response`, which documents its application/json body (other types are text).
   */
  stream?: {
    contentTypes: readonly string[];
    description: string;
    headers?: Record<string, { description: string; schema: Record<string, unknown> }>;
  };
};
