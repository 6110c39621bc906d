import { getDb } from "@/lib/db/client";
import { registerEntryPoint } from "@/lib/guard/registry";
import { panelOrigin } from "@/lib/http/panel-origin";
import { problemResponse } from "@/lib/http/problem";
import { readBodyText } from "@/lib/http/read-json-body";
import { requestContextFrom } from "@/lib/http/request-context";
import { receiveTwilioStatus, ZTwilioStatusForm } from "@/lib/messaging/delivery/twilio-status-callback";
import { refuseOtherMethods } from "@/lib/rest/unsupported-methods";

export const dynamic = "force-dynamic";

const MAX_BODY_BYTES = 64 * 1024;
/** An empty TwiML answer, as Twilio expects one. */
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

type RouteContext = { params: Promise<Record<string, string | string[]>> };

/**
 * Twilio's status callback for the messages Verity sent for one organization (form-encoded, signed with
 * X-Twilio-Signature): lib/messaging/delivery/twilio-status-callback.ts. The URL it signed is the panel's public
 * one (NEXTAUTH_URL's origin) with this path and query: behind a proxy the
 * request's own URL is an internal address.
 */
export async function POST(request: Request, routeContext: RouteContext): Promise<Response> {
  const context = requestContextFrom(request.headers);
  try {
    const { orgSlug } = await routeContext.params;
    const text = await readBodyText(request, MAX_BODY_BYTES); // 413 before more than 64 KB is buffered
    const url = new URL(request.url);
    await receiveTwilioStatus(getDb(), {
      orgSlug: typeof orgSlug === "string" ? orgSlug : "",
      url: `${panelOrigin()}${url.pathname}${url.search}`,
      form: Object.fromEntries(new URLSearchParams(text)),
      signature: request.headers.get("x-twilio-signature"),
      context,
    });
    return new Response(EMPTY_TWIML, { status: 200, headers: { "content-type": "text/xml; charset=utf-8" } });
  } catch (error) {
    return problemResponse(error, context.requestId);
  }
}

registerEntryPoint({
  kind: "route",
  name: "twilioStatusCallback",
  permission: null,
  inputs: { body: ZTwilioStatusForm },
  handle: POST as never,
});

export const { GET, HEAD, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
