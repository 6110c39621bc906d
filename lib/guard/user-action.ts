import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/http/app-error";
import type { Principal, RequestContext } from "@/lib/context";
import { storableInput } from "@/lib/http/storable-input";
import { actionFailure, type ActionResult } from "@/lib/http/action-result";
import { currentRequest } from "./org-action";
import { resolvePrincipal } from "./principal";
import { registerEntryPoint } from "./registry";

/**
 * The builder for server actions about the signed-in person rather than an organization (their
 * password, their second factor): `userAction({ name, input: ZSchema }, async ({ principal, input, request }) => …)`
 * gives `(rawInput) => ActionResult`. The same principal check and input validation as orgAction,
 * without the org; no transaction is opened, since these services do slow work (argon2) first
 * and open their own.
 */
export function userAction<I extends z.ZodType, T>(
  options: { name: string; input: I },
  handler: (args: { principal: Principal; input: z.infer<I>; request: RequestContext }) => Promise<T>,
) {
  const action = async (rawInput: unknown): Promise<ActionResult<T>> => {
    try {
      const { context, credentials } = await currentRequest();
      const principal = await resolvePrincipal(credentials);
      if (!principal) throw new AppError("unauthenticated", "Your session has ended. Sign in again.");
      return { ok: true, data: await handler({ principal, input: options.input.parse(storableInput(rawInput)), request: context }) };
    } catch (error) {
      return actionFailure(error);
    }
  };
  registerEntryPoint({ kind: "action", name: options.name, permission: null, inputs: { body: options.input }, handle: action as never });
  return action;
}
