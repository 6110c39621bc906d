"use server";

import { confirmEmailChange, ZConfirmEmailChange } from "@/lib/auth/email-change";
import { publicAction } from "@/lib/guard/public-action";

export const confirmEmailChangeAction = publicAction(
  { name: "auth.confirm_email_change", input: ZConfirmEmailChange },
  ({ input, request }) => confirmEmailChange({ input, context: request }),
);
