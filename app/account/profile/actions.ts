"use server";

import { requestEmailChange, ZRequestEmailChange } from "@/lib/auth/email-change";
import { updateProfile, ZUpdateProfile } from "@/lib/auth/update-profile";
import { userAction } from "@/lib/guard/user-action";

export const updateProfileAction = userAction(
  { name: "account.update_profile", input: ZUpdateProfile },
  ({ principal, input, request }) => updateProfile({ principal, input, context: request }),
);

export const requestEmailChangeAction = userAction(
  { name: "account.request_email_change", input: ZRequestEmailChange },
  ({ principal, input, request }) => requestEmailChange({ principal, input, context: request }),
);
