"use server";

import { orgAction } from "@/lib/guard/org-action";
import { updateSecurityPolicy, ZSecurityPolicy } from "@/lib/orgs/update-security-policy";

export const updateSecurityPolicyAction = orgAction(
  { name: "org.update_security_policy", permission: "org.security_policy", input: ZSecurityPolicy },
  ({ ctx, tx, input }) => updateSecurityPolicy({ ctx, tx, input }),
);
