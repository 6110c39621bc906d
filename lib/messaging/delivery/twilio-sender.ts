import "server-only";
import twilio from "twilio";
import { SendError, type Sender } from "./sender";
import type { TwilioCredentials } from "./twilio-credentials";

/** Twilio's REST API. VERITY_TWILIO_API_URL replaces it (a stand-in of the API in tests and staging). */
export const TWILIO_API_URL = "https://api.twilio.com";
const TIMEOUT_MS = 15_000;

/** Twilio's answer, as twilio-node's RestException carries it (status and Twilio's error code). */
type ProviderFailure = { status?: unknown; code?: unknown };

/**
 * Classifies what the client threw. 5xx and 429 are Twilio's "try again later"; no status at all is a network
 * failure (refused, reset, timed out): retryable. Any other 4xx is permanent (an invalid number, a blocked sender,
 * bad credentials): retrying would only repeat it. The description names the status and Twilio's code, no more.
 */
export function twilioSendError(error: unknown): SendError {
  const { status, code } = (error ?? {}) as ProviderFailure;
  const twilioCode = typeof code === "number" ? ` (Twilio error ${code})` : "";
  if (typeof status !== "number") return new SendError("Twilio could not be reached", true);
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
  }: { apiUrl?: string; statusCallback?: string } = {},
): Sender {
  return {
    name: "twilio",
    send: async (message) => {
      let client: ReturnType<typeof twilio>;
      try {
        client = twilio(credentials.accountSid, credentials.authToken, { timeout: TIMEOUT_MS, autoRetry: false });
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
