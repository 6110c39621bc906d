import "server-only";
import type { RequestContext } from "@/lib/context";
import { problemResponse } from "@/lib/http/problem";

/**
 * The error-mapping step for route handlers: the work's result as JSON (a Response passes through),
 * or what it threw as problem+json; both carry the request id.
 */
export async function answerRoute(request: RequestContext, work: () => Promise<unknown>): Promise<Response> {
  try {
    const result = await work();
    if (result instanceof Response) return result;
    return Response.json(result, { headers: { "x-request-id": request.requestId ?? "" } });
  } catch (error) {
    return problemResponse(error, request.requestId);
  }
}
