"use server";

import { orgAction } from "@/lib/guard/org-action";
import { approveSupportSession, endSupportSessionNow, updateSupportPolicy } from "@/lib/staff/owner-support-session";
import { ZSupportPolicy, ZSupportSessionId } from "@/lib/staff/support-session-rules";

// Owners decide about Verity staff in their organization (the same permission as the security policy).
const approve = orgAction(
  { name: "staff_access.approve", permission: "org.security_policy", input: ZSupportSessionId },
  ({ ctx, tx, input }) => approveSupportSession(tx, ctx, input),
);
const endNow = orgAction(
  { name: "staff_access.end_now", permission: "org.security_policy", input: ZSupportSessionId },
  ({ ctx, tx, input }) => endSupportSessionNow(tx, ctx, input),
);
const policy = orgAction(
  { name: "staff_access.update_policy", permission: "org.security_policy", input: ZSupportPolicy },
  ({ ctx, tx, input }) => updateSupportPolicy(tx, ctx, input),
);

export async function approveSupportSessionAction(orgSlug: string, input: unknown) {
  return approve(orgSlug, input);
}
export async function endSupportSessionNowAction(orgSlug: string, input: unknown) {
  return endNow(orgSlug, input);
}
export async function updateSupportPolicyAction(orgSlug: string, input: unknown) {
  return policy(orgSlug, input);
}
