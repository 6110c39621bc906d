import type { OrgPrincipal, RequestContext } from "@/lib/context";

/**
 * What the pipeline has learnt so far about one request: where it came from, then who is asking, then
 * in which of their organizations. Each step fills in what it establishes, so a refusal at any step
 * is recorded with exactly what is known at that point (lib/guard/record-refusal.ts).
 */
export type Scene = { request: RequestContext; principal: OrgPrincipal | null; orgId: string | null };

export function sceneOf(request: RequestContext): Scene {
  return { request, principal: null, orgId: null };
}
