import "server-only";
import { appendAuditEntryOnItsOwn } from "@/lib/audit/append-audit-entry-on-its-own";
import { hitRateLimit } from "@/lib/auth/rate-limit";
import type { Actor, RequestContext } from "@/lib/context";
import type { Db } from "@/lib/db/client";
import { TwilioRefusal, type SignedTwilioCall } from "./twilio-signature";

export type TwilioWebhook = "inbound" | "status";

/** Who a refused call's entry names: nobody proved to be Twilio, so not Twilio. */
const UNVERIFIED_CALLER: Actor = { type: "system", id: null, display: "Unverified caller of the Twilio webhook" };

/**
 * Refused calls recorded per organization and minute. The webhook is public (Twilio cannot sign in), so whoever
 * knows an org's slug can make refused calls: past this many, a minute's further refusals are not written to the
 * org's trail (the first one over is, as `messaging.webhook_refusals_suppressed`), and one log line says so. The
 * caller's answer never changes.
 */
export const RECORDED_REFUSALS_PER_MINUTE = 20;

/**
 * Records a refused call to a Twilio webhook, after its transaction rolled back:
 * - when the URL named an organization, an entry in that organization's trail (messaging.webhook_refused, category
 *   access, outcome denied, with the caller's address and the reason), committed on its own. That is where an
 *   auditor of the org looks for it, next to access.denied: a forged or misconfigured call to the org's own
 *   endpoint is evidence about that org (someone trying to opt its contacts out or fake delivery failures, or
 *   credentials out of step with Twilio's), and the org's members can act on it;
 * - when it named none, one line in the server log: there is no tenant to attribute it to, and every internet
 *   scan of /api/webhooks would otherwise fill a platform-wide record with noise (a security alert is raised to a
 *   person about their own account, which this is not).
 * Neither holds the signature, the form, the body or an Auth Token; the unknown slug is logged quoted and cut.
 * A failure to record is logged and does not change the answer (the same 403).
 */
export async function recordTwilioRefusal(
  db: Db,
  refusal: TwilioRefusal,
  { webhook, call }: { webhook: TwilioWebhook; call: SignedTwilioCall & { context: RequestContext } },
): Promise<void> {
  const requestId = call.context.requestId ?? "-";
  try {
    if (refusal.refusedOrgId === null || refusal.reason === "unknown_organization") {
      const slug = JSON.stringify(call.orgSlug.slice(0, 64));
      console.warn(`[${requestId}] Twilio ${webhook} webhook refused: no organization with the slug ${slug}`);
      return;
    }
    const { count } = await hitRateLimit(db, {
      key: `twilio-refusals:${refusal.refusedOrgId}`,
      limit: RECORDED_REFUSALS_PER_MINUTE,
      windowMs: 60_000,
    });
    if (count > RECORDED_REFUSALS_PER_MINUTE + 1) return;
    if (count === RECORDED_REFUSALS_PER_MINUTE + 1) {
      console.warn(
        `[${requestId}] Twilio ${webhook} webhook: further refusals for org ${refusal.refusedOrgId} this minute are not recorded`,
      );
      await appendAuditEntryOnItsOwn(db, {
        orgId: refusal.refusedOrgId,
        actor: UNVERIFIED_CALLER,
        context: call.context,
        action: "messaging.webhook_refusals_suppressed",
        outcome: "denied",
        target: { type: "messaging_webhook", id: null, display: `Twilio ${webhook} webhook` },
        metadata: { webhook, recordedPerMinute: RECORDED_REFUSALS_PER_MINUTE },
      });
      return;
    }
    await appendAuditEntryOnItsOwn(db, {
      orgId: refusal.refusedOrgId,
      actor: UNVERIFIED_CALLER,
      context: call.context,
      action: "messaging.webhook_refused",
      outcome: "denied",
      target: { type: "messaging_webhook", id: null, display: `Twilio ${webhook} webhook` },
      metadata: { webhook, reason: refusal.reason },
    });
  } catch (error) {
    console.error(`[${requestId}] a refused Twilio ${webhook} webhook call could not be recorded`, error);
  }
}

/** `receive` with its refusals recorded (recordTwilioRefusal), the refusal still thrown: the caller answers 403. */
export function recordingTwilioRefusals<T>(
  webhook: TwilioWebhook,
  receive: (db: Db, call: SignedTwilioCall & { context: RequestContext }) => Promise<T>,
) {
  return async (db: Db, call: SignedTwilioCall & { context: RequestContext }): Promise<T> => {
    try {
      return await receive(db, call);
    } catch (error) {
      if (error instanceof TwilioRefusal) await recordTwilioRefusal(db, error, { webhook, call });
      throw error;
    }
  };
}
