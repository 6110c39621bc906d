import { registerEntryPoint } from "@/lib/guard/registry";
import { receiveTwilioStatus, ZTwilioStatusForm } from "@/lib/messaging/delivery/twilio-status-callback";
import { refuseOtherMethods } from "@/lib/rest/unsupported-methods";
import { twilioWebhookPost } from "@/lib/rest/twilio-webhook";

export const dynamic = "force-dynamic";

/** Twilio's status callback for the messages Verity sent for one organization (lib/messaging/delivery/twilio-status-callback.ts). */
export const POST = twilioWebhookPost(receiveTwilioStatus);

registerEntryPoint({
  kind: "route",
  name: "twilioStatusCallback",
  permission: null,
  inputs: { body: ZTwilioStatusForm },
  handle: POST as never,
});

export const { GET, HEAD, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
