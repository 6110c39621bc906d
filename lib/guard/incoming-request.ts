import "server-only";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import type { RequestContext } from "@/lib/context";
import { requestContextFrom } from "@/lib/http/request-context";
import type { Credentials } from "./principal";

/** The pipeline's first step: a request's audit context and the credentials it presents. */
export type IncomingRequest = { context: RequestContext; credentials: Credentials };

/** A route handler's request. */
export function incomingRequest(request: Request): IncomingRequest {
  return {
    context: requestContextFrom(request.headers),
    credentials: { cookie: request.headers.get("cookie"), authorization: request.headers.get("authorization") },
  };
}

/**
 * The request behind a page or server action. Memoized for the server request, so the org layout and
 * the page it wraps record under one request id. Server actions and pages take sessions only.
 */
export const currentRequest = cache(async (): Promise<IncomingRequest> => {
  const headerList = await headers();
  return {
    context: requestContextFrom(headerList),
    credentials: { cookie: (await cookies()).toString() || headerList.get("cookie"), authorization: null },
  };
});
