import "server-only";
import { z } from "zod";
import { AppError, type ProblemExtensions } from "./app-error";
import { databaseBusy } from "./database-busy";
import { inputRefusedByDatabase } from "./refused-by-database";

/**
 * Every error a route handler answers is RFC 9457 problem+json. Anything that is not an AppError or a
 * zod error is unexpected: its detail goes to the server log with the request id, never to the client.
 */
export function problemResponse(error: unknown, requestId: string | null): Response {
  const known =
    error instanceof z.ZodError
      ? AppError.fromZod(error)
      : error instanceof AppError
        ? error
        : (inputRefusedByDatabase(error, requestId ?? "-") ?? databaseBusy(error, requestId ?? "-"));
  if (!known) {
    console.error(`[${requestId ?? "-"}] unexpected error`, error);
  }
  const status = known?.status ?? 500;
  const body = {
    type: "about:blank",
    title: known?.title ?? "Internal server error",
    status,
    detail: known?.message ?? "Something went wrong on our side. Quote the request id when you contact support.",
    ...(known?.fieldErrors ? { errors: known.fieldErrors } : {}),
    // Extension members of the error's own (a malformed audit search: where to underline it).
    ...withoutStandardMembers(known?.extensions),
    ...(requestId ? { requestId } : {}),
  };
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      "content-type": "application/problem+json",
      ...(status === 503 ? { "retry-after": "1" } : {}),
      ...(requestId ? { "x-request-id": requestId } : {}),
    },
  });
}

const STANDARD_MEMBERS = new Set(["type", "title", "status", "detail", "instance", "errors", "requestId"]);

/** An error's extension members, leaving out any that would replace a member this mapper sets. */
function withoutStandardMembers(extensions: ProblemExtensions | undefined): ProblemExtensions {
  return Object.fromEntries(Object.entries(extensions ?? {}).filter(([name]) => !STANDARD_MEMBERS.has(name)));
}
