import "server-only";
import type { z } from "zod";
import type { Principal, RequestContext } from "@/lib/context";
import { actionAdapter } from "./action-adapter";
import { parseInput } from "./parse-input";
import { runPipeline } from "./pipeline";
import { sessionPrincipal } from "./principal";

/**
 * The adapter for server actions about the signed-in person rather than an organization (their
 * password, their second factor):
 * `userAction({ name, input: ZSchema }, async ({ principal, input, request }) => …)` gives
 * `(rawInput) => ActionResult`. The same principal step and input validation as orgAction,
 * without the org; no transaction is opened, since these services do slow work (argon2) first
 * and open their own.
 */
export function userAction<I extends z.ZodType, T>(
  options: { name: string; input: I },
  handler: (args: { principal: Principal; input: z.infer<I>; request: RequestContext }) => Promise<T>,
) {
  return actionAdapter({ ...options, permission: null }, ({ context, credentials }, rawInput: unknown) =>
    runPipeline({
      request: context,
      authorize: (scene) => sessionPrincipal(scene, credentials, "Your session has ended. Sign in again."),
      parse: () => parseInput(options.input, rawInput),
      transaction: false,
      run: (principal, input) => handler({ principal, input, request: context }),
    }),
  );
}
