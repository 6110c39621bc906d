import "server-only";
import type { CheckFn } from "../gate-types";

/** 3. Lead exists: the org has a contact with this number (another org's contact is not one). */
export const leadCheck: CheckFn = async (subject) => {
  const contact = await subject.contact();
  if (!contact) return { verdict: "block", code: "lead_not_found", facts: {} };
  return { verdict: "pass", code: "lead_found", facts: { contactId: contact.id } };
};
