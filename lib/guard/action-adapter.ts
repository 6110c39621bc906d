import "server-only";
import type { z } from "zod";
import { actionFailure, type ActionResult } from "@/lib/http/action-result";
import type { Permission } from "@/lib/rbac/permissions";
import { currentRequest, type IncomingRequest } from "./incoming-request";
import { registerEntryPoint } from "./registry";

type Entry = { name: string; permission: Permission | null; input: z.ZodType; readOnly?: boolean };

/**
 * What every server-action adapter does around the pipeline: take the page's request, answer an
 * ActionResult (a refusal or bad input becomes a failure, never a throw), and register the entry point
 * so the isolation suite finds it.
 */
export function actionAdapter<A extends unknown[], T>(
  entry: Entry,
  run: (request: IncomingRequest, ...args: A) => Promise<T>,
): (...args: A) => Promise<ActionResult<T>> {
  const action = async (...args: A): Promise<ActionResult<T>> => {
    try {
      return { ok: true, data: await run(await currentRequest(), ...args) };
    } catch (error) {
      return actionFailure(error);
    }
  };
  const { name, permission, input, readOnly } = entry;
  registerEntryPoint({
    kind: "action",
    name,
    permission,
    inputs: { body: input },
    handle: action as never,
    ...(readOnly ? { readOnly } : {}),
  });
  return action;
}
