import "server-only";
import twilio from "twilio";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { loadTwilioCredentials, type TwilioCredentials } from "./twilio-credentials";

/** Why a call claiming to be Twilio's was refused (never said to the caller; recorded: twilio-refusals.ts). */
export type TwilioRefusalReason =
  "unknown_organization" | "twilio_not_configured" | "signature_missing" | "signature_mismatch" | "account_mismatch";

/**
 * The one answer to every refused Twilio call, whatever the reason: no way to learn which orgs use Twilio. It
 * carries the organization (when the slug named one) and the reason, for the record only.
 */
export class TwilioRefusal extends AppError {
  constructor(
    readonly refusedOrgId: string | null,
    readonly reason: TwilioRefusalReason,
  ) {
    super("forbidden", "The X-Twilio-Signature header does not match this request.");
  }
}

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
  if (!org) throw new TwilioRefusal(null, "unknown_organization");
  const credentials = await loadTwilioCredentials(tx, org.id).catch(() => null);
  if (!credentials) throw new TwilioRefusal(org.id, "twilio_not_configured");
  if (!call.signature) throw new TwilioRefusal(org.id, "signature_missing");
  if (!twilio.validateRequest(credentials.authToken, call.signature, call.url, call.form))
    throw new TwilioRefusal(org.id, "signature_mismatch");
  if (call.form.AccountSid !== credentials.accountSid) throw new TwilioRefusal(org.id, "account_mismatch");
  return { orgId: org.id, credentials };
}
