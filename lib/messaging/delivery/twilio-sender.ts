import "server-only";
import twilio from "twilio";
import { SendError, type Sender } from "./sender";
import type { TwilioCredentials } from "./twilio-credentials";

/** Twilio's REST API. VERITY_TWILIO_API_URL replaces it (a stand-in of the API in tests and staging). */
export const TWILIO_API_URL = "https://api.twilio.com";
const TIMEOUT_MS = 15_000;

/** Twilio's answer, as twilio-node's RestException carries it (status and Twilio's error code). */
type ProviderFailure = { status?: unknown; code?: unknown; cause?: { code?: unknown } };

/** Network errors raised before the request could reach Twilio: sending again cannot send twice. */
const NEVER_REACHED = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH"]);

/**
 * Classifies what the client threw. 5xx and 429 are Twilio's "try again later": retryable. Any other 4xx is
 * permanent (an invalid number, a blocked sender, bad credentials): retrying would only repeat it. Without an
 * answer, it depends on whether the request could have reached Twilio: refused or unresolvable, it did not, and a
 * retry is safe; timed out or dropped, Twilio may have accepted the message, so it is not retried (a duplicate SMS is
 * worse than a lost one). The description names the status and Twilio's code, no more.
 */
export function twilioSendError(error: unknown): SendError {
  const { status, code, cause } = (error ?? {}) as ProviderFailure;
  if (typeof status !== "number") {
    const network = typeof code === "string" ? code : typeof cause?.code === "string" ? cause.code : null;
    if (network !== null && NEVER_REACHED.has(network)) return new SendError("Twilio could not be reached", true);
    return new SendError(
      "No answer from Twilio (timed out or the connection dropped): whether it was sent is unknown, so it is not sent again",
      false,
    );
  }
  const twilioCode = typeof code === "number" ? ` (Twilio error ${code})` : "";
  return new SendError(`Twilio answered ${status}${twilioCode}`, status >= 500 || status === 429);
}

/**
 * Sends through Twilio's Messages API with the official client: POST /2010-04-01/Accounts/{sid}/Messages.json with
 * To, From and Body, authenticated by the Account SID and Auth Token (Basic). The client's own retries are off: the
 * delivery worker retries with its backoff, re-running the gate first. `statusCallback`: where Twilio reports a
 * message it could not deliver (twilio-status-callback.ts).
 */
export function twilioSender(
  credentials: TwilioCredentials,
  {
    apiUrl = process.env.VERITY_TWILIO_API_URL ?? TWILIO_API_URL,
    statusCallback,
    timeoutMs = TIMEOUT_MS,
  }: { apiUrl?: string; statusCallback?: string; timeoutMs?: number } = {},
): Sender {
  return {
    name: "twilio",
    send: async (message) => {
      let client: ReturnType<typeof twilio>;
      try {
        client = twilio(credentials.accountSid, credentials.authToken, { timeout: timeoutMs, autoRetry: false });
        // The Api domain's base URL: every REST call of the client is built from it (lib/base/Domain.js).
        client.api.baseUrl = apiUrl;
      } catch {
        throw new SendError("The Twilio Account SID is not valid (it starts with AC)", false);
      }
      try {
        const fields = { to: message.to, from: credentials.from, body: message.body };
        const sent = await client.messages.create(statusCallback ? { ...fields, statusCallback } : fields);
        return { providerMessageId: sent.sid };
      } catch (error) {
        throw twilioSendError(error);
      }
    },
  };
}
