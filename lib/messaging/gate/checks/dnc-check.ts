import "server-only";
import type { CheckFn, CheckOutcome } from "../gate-types";

/** 2. Do Not Contact: the org's list holds the number. A number that does not parse is a missing fact. */
export const dncCheck: CheckFn = async (subject): Promise<CheckOutcome> => {
  if (!subject.phone) return { verdict: "block", code: "invalid_phone", facts: {} };
  const entry = (await subject.facts()).dnc;
  if (entry)
    return {
      verdict: "block",
      code: "on_dnc_list",
      facts: { source: entry.source, addedAt: entry.addedAt.toISOString() },
    };
  return { verdict: "pass", code: "not_on_dnc_list", facts: {} };
};
