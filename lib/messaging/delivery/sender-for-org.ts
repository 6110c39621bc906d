import "server-only";
import type { Tx } from "@/lib/db/client";
import { panelOrigin } from "@/lib/http/panel-origin";
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
    const credentials = await requireTwilioCredentials(tx, orgId);
    return twilioSender(credentials, {
      apiUrl: options.twilioApiUrl,
      statusCallback: await statusCallbackUrl(tx, orgId),
    });
  } catch (error) {
    if (error instanceof SendError) throw error;
    throw new SendError("The Twilio secrets cannot be opened with this instance's keys", false);
  }
}

/** Twilio reaches only a public https URL: the status callback is asked for when the panel's own URL is one. */
async function statusCallbackUrl(tx: Tx, orgId: string): Promise<string | undefined> {
  const origin = panelOrigin();
  if (!origin.startsWith("https://")) return undefined;
  const org = await tx.organization.findUniqueOrThrow({ where: { id: orgId }, select: { slug: true } });
  return `${origin}/api/webhooks/twilio/${encodeURIComponent(org.slug)}/status`;
}
