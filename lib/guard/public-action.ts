import "server-only";
import type { z } from "zod";
import type { RequestContext } from "@/lib/context";
import { actionFailure, type ActionResult } from "@/lib/http/action-result";
import { currentRequest } from "./incoming-request";
import { parseInput } from "./parse-input";
import { runPipeline } from "./pipeline";
import { registerEntryPoint } from "./registry";

/** The adapter for server actions that need no principal (sign-up): the same input validation and error handling. */
export function publicAction<I extends z.ZodType, T>(
  options: { name: string; input: I },
  handler: (args: { input: z.infer<I>; request: RequestContext }) => Promise<T>,
) {
  const action = async (rawInput: unknown): Promise<ActionResult<T>> => {
    try {
      const { context } = await currentRequest();
      const data = await runPipeline({
        request: context,
        authorize: async () => null,
        parse: () => parseInput(options.input, rawInput),
        transaction: false,
        run: (_, input) => handler({ input, request: context }),
      });
      return { ok: true, data };
    } catch (error) {
      return actionFailure(error);
    }
  };
  const inputs = { body: options.input };
  registerEntryPoint({ kind: "action", name: options.name, permission: null, inputs, handle: action as never });
  return action;
}
