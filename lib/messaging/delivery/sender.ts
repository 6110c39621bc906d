import "server-only";

/** What a sender is handed: the message, already allowed by the gate re-run at send time. */
export type OutboundSms = { id: string; orgId: string; to: string; body: string };

/** A message the provider accepted: its id there (Twilio's SM…, the outbox's own). */
export type SendReceipt = { providerMessageId: string };

/** "outbox" (the local outbox, the default) or "twilio" (MessagingSettings.sender). */
export type SenderName = "outbox" | "twilio";

/** Hands an allowed message to a provider. Throws a SendError when it was not accepted. */
export type Sender = { name: SenderName; send: (message: OutboundSms) => Promise<SendReceipt> };

/**
 * A message the provider did not accept. `retryable`: worth trying again later (a 5xx, a 429, a timeout or a
 * connection refused); otherwise permanent (a 4xx: a bad number, bad credentials, no credentials at all).
 * `message` is short and body-free: the provider's status and error code, never the text or the credentials.
 */
export class SendError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = "SendError";
  }
}
