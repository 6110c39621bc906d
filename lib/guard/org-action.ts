import "server-only";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { z } from "zod";
import { appendAuditEntryOnItsOwn } from "@/lib/audit";
import { auditedBy, type OrgContext, type Principal } from "@/lib/context";
import { getDb, type Tx } from "@/lib/db";
import { actionFailure, type ActionResult } from "@/lib/http/action-result";
import { AppError } from "@/lib/http/app-error";
import { requestContextFrom } from "@/lib/http/request-context";
import { storableInput } from "@/lib/http/storable-input";
import type { Permission } from "@/lib/rbac/permissions";
import { recordDenial, resolveOrgAccess } from "./org-access";
import { resolvePrincipal } from "./principal";
import { registerEntryPoint } from "./registry";
import { requireStepUp } from "@/lib/auth/step-up";

/**
 * A service that refuses for a reason of its own (someone else's session id, an owner-only role)
 * throws an AppError carrying the denial; its transaction rolls back, and the denial is recorded here,
 * on its own, so the evidence commits while the change does not.
 */
export async function recordCarriedDenial(ctx: OrgContext | null, error: unknown) {
  if (!ctx || !(error instanceof AppError) || !error.denial) return;
  const { targetOrgId, limit, ...denial } = error.denial;
  if (limit) {
    await appendAuditEntryOnItsOwn(getDb(), {
      ...auditedBy(ctx),
      action: "billing.limit_reached",
      outcome: "denied",
      metadata: { limit: limit.name, plan: limit.plan, allowed: limit.allowed },
    });
    return;
  }
  // A probe for another organization's object is evidence in that organization, flagged, where its
  // admins see who tried. Not in the prober's own trail as well: there it would tell the prober which
  // ids exist elsewhere (an unknown id records nothing), and one request would count as two attempts.
  const targets = [...new Set([targetOrgId ?? []].flat())].filter((orgId) => orgId !== ctx.org.id).sort();
  if (!denial.crossTenant || targets.length === 0) return recordDenial(ctx.org.id, ctx.principal, ctx.request, denial);
  for (const orgId of targets) await recordDenial(orgId, ctx.principal, ctx.request, denial);
}

/**
 * The request behind a page, action or route: its audit context and credentials. Memoized for the
 * server request, so the org layout and the page it wraps record under one request id.
 */
export const currentRequest = cache(async () => {
  const headerList = await headers();
  return {
    context: requestContextFrom(headerList),
    credentials: { cookie: (await cookies()).toString() || headerList.get("cookie"), authorization: null },
  };
});

/**
 * The builder for every org-scoped server action:
 * `orgAction({ name, permission, input: ZSchema }, async ({ ctx, tx, input }) => …)` gives
 * `(orgSlug, rawInput) => ActionResult`, with the same checks as route handlers.
 */
export function orgAction<I extends z.ZodType, T>(
  options: { name: string; permission: Permission; input: I; transactionTimeoutMs?: number; stepUp?: boolean },
  handler: (args: { ctx: OrgContext<Principal>; tx: Tx; input: z.infer<I> }) => Promise<T>,
) {
  const action = async (orgSlug: string, rawInput: unknown): Promise<ActionResult<T>> => {
    let ctx: OrgContext<Principal> | null = null;
    try {
      const { context, credentials } = await currentRequest();
      const principal = await resolvePrincipal(credentials);
      if (!principal) throw new AppError("unauthenticated", "Your session has ended. Sign in again.");
      ctx = await resolveOrgAccess(principal, orgSlug, options.permission, context);
      const input = options.input.parse(storableInput(rawInput));
      // Checked before the transaction opens: the embedded database serves one transaction at a time.
      if (options.stepUp) await requireStepUp(principal);
      const authorized = ctx;
      const data = await getDb().$transaction((tx) => handler({ ctx: authorized, tx, input }), {
        timeout: options.transactionTimeoutMs ?? 15_000,
      });
      return { ok: true, data };
    } catch (error) {
      await recordCarriedDenial(ctx, error);
      return actionFailure(error);
    }
  };
  registerEntryPoint({ kind: "action", name: options.name, permission: options.permission, inputs: { body: options.input }, handle: action as never });
  return action;
}

/** Server actions that need no principal (sign-up): the same input validation and error handling. */
export function publicAction<I extends z.ZodType, T>(
  options: { name: string; input: I },
  handler: (args: { input: z.infer<I>; request: ReturnType<typeof requestContextFrom> }) => Promise<T>,
) {
  const action = async (rawInput: unknown): Promise<ActionResult<T>> => {
    try {
      const { context } = await currentRequest();
      return { ok: true, data: await handler({ input: options.input.parse(storableInput(rawInput)), request: context }) };
    } catch (error) {
      return actionFailure(error);
    }
  };
  registerEntryPoint({ kind: "action", name: options.name, permission: null, inputs: { body: options.input }, handle: action as never });
  return action;
}
