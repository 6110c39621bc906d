import { z } from "zod";
import { AppError, fieldErrorsOf, type AppErrorCode, type FieldErrors } from "./app-error";
import { inputRefusedByDatabase } from "./refused-by-database";

/**
 * Why an action failed, for the screen to act on without guessing from context: the AppError code
 * ("payment_required" for a plan limit, "step_up_required", "forbidden", "invalid_input" for zod
 * errors…), or "internal" for an unexpected error.
 */
export type ActionErrorCode = AppErrorCode | "internal";
export type ActionFailure = { ok: false; code: ActionErrorCode; error: string; fieldErrors?: FieldErrors };
export type ActionResult<T> = { ok: true; data: T } | ActionFailure;

/** Turns what a server action threw into what its form shows. Unexpected errors stay in the log. */
export function actionFailure(error: unknown): ActionFailure {
  if (error instanceof z.ZodError)
    return {
      ok: false,
      code: "invalid_input",
      error: "Check the highlighted fields.",
      fieldErrors: fieldErrorsOf(error),
    };
  const known = error instanceof AppError ? error : inputRefusedByDatabase(error, "server action");
  if (known) return { ok: false, code: known.code, error: known.message, fieldErrors: known.fieldErrors };
  console.error("unexpected error in a server action", error);
  return { ok: false, code: "internal", error: "Something went wrong on our side. Try again in a moment." };
}
