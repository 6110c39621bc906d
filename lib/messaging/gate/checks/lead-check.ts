import "server-only";
import type { CheckFn, CheckOutcome } from "../gate-types";

/** 3. Lead exists: the org has a contact with this number (another org's contact is not one). */
export const leadCheck: CheckFn = async (subject): Promise<CheckOutcome> => {
  const contact = await subject.contact();
  if (!contact) return { verdict: "block", code: "lead_not_found", facts: {} };
  return { verdict: "pass", code: "lead_found", facts: { contactId: contact.id } };
};
