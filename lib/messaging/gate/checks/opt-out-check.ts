import "server-only";
import type { CheckFn, CheckOutcome } from "../gate-types";

/** 4. Opt-out: the contact said STOP (or was opted out by a member) and has not opted in since. */
export const optOutCheck: CheckFn = async (subject): Promise<CheckOutcome> => {
  const contact = await subject.contact();
  if (!contact) return { verdict: "block", code: "lead_not_found", facts: {} };
  if (contact.optedOutAt)
    return {
      verdict: "block",
      code: "opted_out",
      facts: { optedOutAt: contact.optedOutAt.toISOString(), channel: contact.optOutChannel },
    };
  return { verdict: "pass", code: "not_opted_out", facts: {} };
};
