"use server";

import { completePasswordReset, ZCompletePasswordReset } from "@/lib/auth/password-reset";
import { publicAction } from "@/lib/guard/public-action";

export const completePasswordResetAction = publicAction(
  { name: "auth.complete_password_reset", input: ZCompletePasswordReset },
  ({ input, request }) => completePasswordReset({ input, context: request }),
);
