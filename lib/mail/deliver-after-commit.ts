import "server-only";
import { getDb } from "@/lib/db/client";
import { deliverPendingMail } from "./deliver-pending-mail";
import { describeSendError, smtpConfigured } from "./mail-transport";

/**
 * Call once the transaction that enqueued mail has committed. Sending is not awaited: the outbox
 * row is durable, so a slow or failing SMTP server never slows or fails the request that asked for
 * the mail, and whatever is not sent now is picked up by the next delivery. Without SMTP_URL the
 * message simply stays in the outbox (shown at /outbox in development).
 */
export function deliverMailAfterCommit(): void {
  if (!smtpConfigured()) return;
  void deliverPendingMail({ db: getDb() }).catch((error) => {
    console.error(`mail delivery run failed: ${describeSendError(error)}`);
  });
}
