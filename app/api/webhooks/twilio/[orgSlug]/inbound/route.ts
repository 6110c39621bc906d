import { registerEntryPoint } from "@/lib/guard/registry";
import { receiveTwilioInbound, ZTwilioInboundForm } from "@/lib/messaging/inbound/twilio-inbound-webhook";
import { refuseOtherMethods } from "@/lib/rest/unsupported-methods";
import { twilioWebhookPost } from "@/lib/rest/twilio-webhook";

export const dynamic = "force-dynamic";

/** Twilio's "A message comes in" webhook for one organization (lib/messaging/inbound/twilio-inbound-webhook.ts). */
export const POST = twilioWebhookPost(receiveTwilioInbound);

registerEntryPoint({
  kind: "route",
  name: "twilioInboundWebhook",
  permission: null,
  inputs: { body: ZTwilioInboundForm },
  handle: POST as never,
});

export const { GET, HEAD, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
