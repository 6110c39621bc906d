import type { OrgContext, Target } from "@/lib/context";

/** What every billing audit entry names as its target: the organization being billed. */
export const billingTarget = (ctx: OrgContext): Target => ({
  type: "organization",
  id: ctx.org.id,
  display: ctx.org.name,
});
