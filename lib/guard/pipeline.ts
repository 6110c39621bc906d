import "server-only";
import type { RequestContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { recordRefusal } from "./record-refusal";
import { inTransaction } from "./run-work";
import { sceneOf, type Scene } from "./scene";

/** Run the work inside one transaction (with this timeout), or outside any: it then opens its own. */
type Run<C, I, T> =
  | { transaction: { timeoutMs?: number }; run: (authorized: C, input: I, tx: Tx) => Promise<T> }
  | { transaction: false; run: (authorized: C, input: I) => Promise<T> };

export type GuardSteps<C, I, T> = {
  /** Where the request came from (lib/guard/incoming-request.ts). */
  request: RequestContext;
  /**
   * Who asks (a session or an API key), then in which organization and with which permission
   * (lib/rbac's effectivePermissions). Each step notes in the scene what it has established.
   */
  authorize: (scene: Scene) => Promise<C>;
  /** The input, through zod: after authorization, so a stranger learns nothing from validation errors. */
  parse: (authorized: C) => I | Promise<I>;
  /** A last check before the work (a recent step-up): after parsing, so invalid input answers first. */
  confirm?: (authorized: C) => Promise<void>;
} & Run<C, I, T>;

/**
 * The one guard pipeline (DESIGN §1): request → principal → org and permission → parse → run →
 * record a refusal. Route handlers, server actions and page loaders are thin adapters over it that
 * choose the steps' variants and map what it throws (problem+json, an ActionResult, a 404 page).
 * Whatever step refuses, the refusal is recorded here, once, by one mechanism (record-refusal.ts).
 */
export async function runPipeline<C, I, T>(steps: GuardSteps<C, I, T>): Promise<T> {
  const scene = sceneOf(steps.request);
  try {
    const authorized = await steps.authorize(scene);
    const input = await steps.parse(authorized);
    await steps.confirm?.(authorized);
    if (steps.transaction === false) return await steps.run(authorized, input);
    const { run } = steps;
    return await inTransaction((tx) => run(authorized, input, tx), steps.transaction.timeoutMs);
  } catch (error) {
    await recordRefusal(scene, error);
    throw error;
  }
}
