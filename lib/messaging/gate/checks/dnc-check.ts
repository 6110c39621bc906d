import "server-only";
import type { CheckFn, CheckOutcome } from "../gate-types";

/** 2. Do Not Contact: the org's list holds the number. A number that does not parse is a missing fact. */
export const dncCheck: CheckFn = async ({ tx, orgId, phone }): Promise<CheckOutcome> => {
  if (!phone) return { verdict: "block", code: "invalid_phone", facts: {} };
  const entry = await tx.messagingDncEntry.findUnique({
    where: { orgId_phoneE164: { orgId, phoneE164: phone.e164 } },
    select: { source: true, addedAt: true },
  });
  if (entry)
    return {
      verdict: "block",
      code: "on_dnc_list",
      facts: { source: entry.source, addedAt: entry.addedAt.toISOString() },
    };
  return { verdict: "pass", code: "not_on_dnc_list", facts: {} };
};
