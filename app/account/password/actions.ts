"use server";

import { changePassword, ZChangePassword } from "@/lib/auth/change-password";
import { userAction } from "@/lib/guard/user-action";

export const changePasswordAction = userAction(
  { name: "account.change_password", input: ZChangePassword },
  ({ principal, input, request }) => changePassword({ principal, input, context: request }),
);
