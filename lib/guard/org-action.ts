import "server-only";
import type { z } from "zod";
import { requireStepUp } from "@/lib/auth/step-up";
import type { OrgContext, Principal } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import type { ActionResult } from "@/lib/http/action-result";
import type { Permission } from "@/lib/rbac/permissions";
import { actionAdapter } from "./action-adapter";
import { orgAccess } from "./org-access";
import { parseInput } from "./parse-input";
import { runPipeline, type GuardSteps } from "./pipeline";
import { sessionPrincipal } from "./principal";

/**
 * `readOnly` declares an action that changes nothing of the organization's (verifying the chain, listing deliveries):
 * support mode lets it run, recorded as staff_access.viewed like a page; every other action is refused there. The
 * support-mode suite lists the declared ones, so a flag on a changing action does not go unseen.
 */
type Options<I> = { name: string; permission: Permission; input: I; stepUp?: boolean; readOnly?: true };
type InTransaction = { transaction?: true; transactionTimeoutMs?: number };
type Args<I extends z.ZodType> = { ctx: OrgContext<Principal>; input: z.infer<I> };
export type OrgAction<T> = (orgSlug: string, rawInput: unknown) => Promise<ActionResult<T>>;

/**
 * The adapter for every org-scoped server action:
 * `orgAction({ name, permission, input: ZSchema }, async ({ ctx, tx, input }) => …)` gives
 * `(orgSlug, rawInput) => ActionResult`, with the same pipeline as route handlers. `stepUp` asks for a
 * recent re-authentication (checked before the transaction opens: the embedded database serves one
 * at a time); `transaction: false` runs work that must not sit in one (a call to Stripe) outside it.
 */
export function orgAction<I extends z.ZodType, T>(
  options: Options<I> & { transaction: false },
  handler: (args: Args<I>) => Promise<T>,
): OrgAction<T>;
export function orgAction<I extends z.ZodType, T>(
  options: Options<I> & InTransaction,
  handler: (args: Args<I> & { tx: Tx }) => Promise<T>,
): OrgAction<T>;
export function orgAction<I extends z.ZodType, T>(
  options: Options<I> & { transaction?: boolean; transactionTimeoutMs?: number },
  handler: (args: Args<I> & { tx: Tx }) => Promise<T>,
): OrgAction<T> {
  const outsideTransaction = handler as (args: Args<I>) => Promise<T>;
  return actionAdapter(options, ({ context, credentials }, orgSlug: string, rawInput: unknown) => {
    const steps: Omit<GuardSteps<OrgContext<Principal>, z.infer<I>, T>, "transaction" | "run"> = {
      request: context,
      authorize: async (scene) => {
        const principal = await sessionPrincipal(scene, credentials, "Your session has ended. Sign in again.");
        const intent = options.readOnly ? ({ kind: "read", via: "action" } as const) : ({ kind: "write" } as const);
        return orgAccess(scene, principal, orgSlug, options.permission, intent);
      },
      parse: () => parseInput(options.input, rawInput),
      confirm: options.stepUp ? (ctx) => requireStepUp(ctx.principal) : undefined,
    };
    const timeoutMs = options.transactionTimeoutMs;
    return options.transaction === false
      ? runPipeline({ ...steps, transaction: false, run: (ctx, input) => outsideTransaction({ ctx, input }) })
      : runPipeline({ ...steps, transaction: { timeoutMs }, run: (ctx, input, tx) => handler({ ctx, input, tx }) });
  });
}
