import "server-only";
import type { CheckFn, CheckOutcome } from "../gate-types";

/** 5. SMS consent on file: an unrevoked consent on the sms channel, given before the decision's moment. */
export const consentCheck: CheckFn = async (subject): Promise<CheckOutcome> => {
  const contact = await subject.contact();
  if (!contact) return { verdict: "block", code: "lead_not_found", facts: {} };
  const consent = await subject.consent();
  if (!consent) return { verdict: "block", code: "no_sms_consent", facts: {} };
  return {
    verdict: "pass",
    code: "sms_consent_on_file",
    facts: { consentId: consent.id, grantedAt: consent.grantedAt.toISOString(), source: consent.source },
  };
};
