import "server-only";
import type { z } from "zod";
import type { RequestContext } from "@/lib/context";
import { actionAdapter } from "./action-adapter";
import { parseInput } from "./parse-input";
import { runPipeline } from "./pipeline";

/** The adapter for server actions that need no principal (sign-up): the same input validation and error handling. */
export function publicAction<I extends z.ZodType, T>(
  options: { name: string; input: I },
  handler: (args: { input: z.infer<I>; request: RequestContext }) => Promise<T>,
) {
  return actionAdapter({ ...options, permission: null }, ({ context }, rawInput: unknown) =>
    runPipeline({
      request: context,
      authorize: async () => null,
      parse: () => parseInput(options.input, rawInput),
      transaction: false,
      run: (_, input) => handler({ input, request: context }),
    }),
  );
}
