import { createApiKey } from "@/lib/api-keys/create-api-key";
import type { TCreateApiKey } from "@/lib/api-keys/schemas";
import type { Db } from "@/lib/db/client";
import type { RoleName } from "@/lib/rbac/permissions";
import { orgContextFor } from "./factories";

/** A /api/v1 route handler, as the route modules export it. */
export type ApiHandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
export type ApiCall = {
  key?: string | null;
  ip?: string;
  method?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  params?: Record<string, string>;
  query?: string;
};

/** Calls a /api/v1 handler as a client with a bearer key would, from `ip` (127.0.0.1 by default). */
export function callApiRaw(
  handler: ApiHandler,
  path: string,
  { key, ip = "127.0.0.1", method = "GET", body, rawBody, headers = {}, params = {}, query = "" }: ApiCall = {},
) {
  return handler(
    new Request(`http://localhost/api/v1${path}${query}`, {
      method,
      body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
      headers: {
        "x-verity-peer-ip": ip,
        "user-agent": "api-test",
        ...(key ? { authorization: `Bearer ${key}` } : {}),
        ...headers,
      },
    }),
    { params: Promise.resolve(params) },
  );
}

/** The same, with the answer read: status, headers, the parsed body and its text. */
export async function callApi(handler: ApiHandler, path: string, call: ApiCall = {}) {
  const response = await callApiRaw(handler, path, call);
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null, text };
}

/** Where callApi's requests come from (127.0.0.1 unless told), as ranges a key may be pinned to. */
export const LOOPBACK_RANGES = ["127.0.0.0/8", "::1/128"];

/**
 * An API key created by `person` in `org` through the real service (test environment). Unless told,
 * a read-only key has no ranges and any other is pinned to loopback (a key usable from anywhere may not write).
 */
export async function createTestKey(
  db: Db,
  person: { user: { id: string; email: string; name: string } },
  org: { id: string; slug: string; name: string },
  input: Partial<TCreateApiKey> & Pick<TCreateApiKey, "scopes">,
  role: RoleName = "OWNER",
  now?: Date,
) {
  const ctx = orgContextFor(person, org, role);
  return db.$transaction((tx) =>
    createApiKey(
      tx,
      ctx,
      { name: "test key", environment: "test", allowedCidrs: input.readOnly ? [] : LOOPBACK_RANGES, ...input },
      now,
    ),
  );
}
