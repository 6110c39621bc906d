"use server";

import { updateProfile, ZUpdateProfile } from "@/lib/auth/update-profile";
import { userAction } from "@/lib/guard/user-action";

export const updateProfileAction = userAction(
  { name: "account.update_profile", input: ZUpdateProfile },
  ({ principal, input, request }) => updateProfile({ principal, input, context: request }),
);
