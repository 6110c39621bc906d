"use server";

import { setDisplayTimeZone, ZDisplayTimeZone } from "@/lib/auth/display-time-zone";
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

/** The zone the person reads the audit trail's times in, for every browser (the audit screen's UTC / Local toggle). */
export const setDisplayTimeZoneAction = userAction(
  { name: "account.set_display_time_zone", input: ZDisplayTimeZone },
  ({ principal, input }) => setDisplayTimeZone({ principal, input }),
);
