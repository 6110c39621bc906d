"use server";

import { requestPasswordReset, ZRequestPasswordReset } from "@/lib/auth/password-reset";
import { publicAction } from "@/lib/guard/public-action";

export const requestPasswordResetAction = publicAction(
  { name: "auth.request_password_reset", input: ZRequestPasswordReset },
  ({ input, request }) => requestPasswordReset({ input, context: request }),
);
