import "server-only";
import type { z } from "zod";
import type { RequestContext } from "@/lib/context";
import { incomingRequest } from "./incoming-request";
import { parseBody } from "./parse-input";
import { runPipeline } from "./pipeline";
import { registerEntryPoint } from "./registry";
import { answerRoute } from "./route-answer";

/** The route adapter for the few endpoints that need no principal (sign-up, health): no transaction of its own. */
export function withPublic<B extends z.ZodType | undefined = undefined>(
  options: { name: string; body?: B },
  handler: (args: { request: RequestContext; body: B extends z.ZodType ? z.infer<B> : undefined }) => Promise<unknown>,
) {
  const handle = async (request: Request): Promise<Response> => {
    const { context } = incomingRequest(request);
    return answerRoute(context, () =>
      runPipeline({
        request: context,
        authorize: async () => null,
        parse: () => parseBody(request, options.body as B),
        transaction: false,
        run: (_, body) => handler({ request: context, body }),
      }),
    );
  };
  registerEntryPoint({ kind: "route", name: options.name, permission: null, inputs: { body: options.body }, handle });
  return handle;
}
