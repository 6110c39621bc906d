"use server";

import { getDb } from "@/lib/db/client";
import { userAction } from "@/lib/guard/user-action";
import { requestSupportSession } from "@/lib/staff/request-support-session";
import { endSupportSession, renewSupportSession, startSupportSession } from "@/lib/staff/staff-support-session";
import { ZRequestSupportSession, ZSupportSessionId } from "@/lib/staff/support-session-rules";

// Staff actions are about the staff member's own sessions, not an organization they belong to: the
// services check that the caller is platform staff and that the session is theirs.
const request = userAction(
  { name: "staff.request_support_session", input: ZRequestSupportSession },
  ({ principal, input, request }) => requestSupportSession({ db: getDb(), staff: principal, input, request }),
);
const start = userAction(
  { name: "staff.start_support_session", input: ZSupportSessionId },
  ({ principal, input, request }) => startSupportSession({ db: getDb(), staff: principal, input, request }),
);
const renew = userAction(
  { name: "staff.renew_support_session", input: ZSupportSessionId },
  ({ principal, input, request }) => renewSupportSession({ db: getDb(), staff: principal, input, request }),
);
const end = userAction(
  { name: "staff.end_support_session", input: ZSupportSessionId },
  ({ principal, input, request }) => endSupportSession({ db: getDb(), staff: principal, input, request }),
);

export async function requestSupportSessionAction(input: unknown) {
  return request(input);
}
export async function startSupportSessionAction(input: unknown) {
  return start(input);
}
export async function renewSupportSessionAction(input: unknown) {
  return renew(input);
}
export async function endSupportSessionAction(input: unknown) {
  return end(input);
}
