import "server-only";
import type { Tx } from "@/lib/db/client";
import { outboxSender } from "./outbox-sender";
import { SendError, type Sender } from "./sender";
import { requireTwilioCredentials } from "./twilio-credentials";
import { twilioSender } from "./twilio-sender";

export type SenderOptions = {
  /** Twilio's API (tests point it at a loopback stand-in); VERITY_TWILIO_API_URL or api.twilio.com otherwise. */
  twilioApiUrl?: string;
};

/**
 * The organization's configured sender (MessagingSettings.sender): the local outbox unless it chose Twilio. Twilio
 * without its three secrets, or with secrets this instance cannot open, is a permanent SendError.
 */
export async function senderForOrg(tx: Tx, orgId: string, options: SenderOptions = {}): Promise<Sender> {
  const settings = await tx.messagingSettings.findUnique({ where: { orgId }, select: { sender: true } });
  if ((settings?.sender ?? "outbox") === "outbox") return outboxSender;
  if (settings?.sender !== "twilio") throw new SendError(`Unknown sender "${settings?.sender}"`, false);
  try {
    return twilioSender(await requireTwilioCredentials(tx, orgId), { apiUrl: options.twilioApiUrl });
  } catch (error) {
    if (error instanceof SendError) throw error;
    throw new SendError("The Twilio secrets cannot be opened with this instance's keys", false);
  }
}
