import "server-only";
import twilio from "twilio";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { loadTwilioCredentials, type TwilioCredentials } from "./twilio-credentials";

/** The one answer to every refused Twilio call, whatever the reason: no way to learn which orgs use Twilio. */
export const twilioRefusal = () =>
  new AppError("forbidden", "The X-Twilio-Signature header does not match this request.");

export type SignedTwilioCall = {
  orgSlug: string;
  /** The URL Twilio called, as Twilio sees it (the panel's public origin, NEXTAUTH_URL, and the path and query). */
  url: string;
  form: Record<string, string>;
  signature: string | null;
};

/**
 * Checks a call from Twilio before anything in it is believed: the organization's X-Twilio-Signature with the
 * official library's validateRequest against its own Auth Token (its TWILIO_AUTH_TOKEN secret), and the form's
 * AccountSid against its TWILIO_ACCOUNT_SID. An unknown organization, one without Twilio secrets, a missing or wrong
 * signature all throw the same 403.
 */
export async function verifyTwilioCall(
  tx: Tx,
  call: SignedTwilioCall,
): Promise<{ orgId: string; credentials: TwilioCredentials }> {
  const org = await tx.organization.findFirst({ where: { slug: call.orgSlug, deletedAt: null }, select: { id: true } });
  const credentials = org ? await loadTwilioCredentials(tx, org.id).catch(() => null) : null;
  if (!org || !credentials || !call.signature) throw twilioRefusal();
  if (!twilio.validateRequest(credentials.authToken, call.signature, call.url, call.form)) throw twilioRefusal();
  if (call.form.AccountSid !== credentials.accountSid) throw twilioRefusal();
  return { orgId: org.id, credentials };
}
