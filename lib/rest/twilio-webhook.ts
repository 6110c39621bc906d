import { getDb, type Db } from "@/lib/db/client";
import type { RequestContext } from "@/lib/context";
import { panelOrigin } from "@/lib/http/panel-origin";
import { problemResponse } from "@/lib/http/problem";
import { readBodyText } from "@/lib/http/read-json-body";
import { requestContextFrom } from "@/lib/http/request-context";
import type { SignedTwilioCall } from "@/lib/messaging/delivery/twilio-signature";

const MAX_BODY_BYTES = 64 * 1024;
/** An empty TwiML answer, as Twilio expects one: nothing is sent back (Twilio's own STOP reply is its business). */
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

type RouteContext = { params: Promise<Record<string, string | string[]>> };

/**
 * The POST handler of one of Twilio's webhooks for one organization (form-encoded, signed with X-Twilio-Signature):
 * the body bounded before it is buffered (413 past 64 KB), the call handed to `receive`, which checks the signature
 * against the URL Twilio signed: the panel's public one (NEXTAUTH_URL's origin) with this path and query, since
 * behind a proxy the request's own URL is an internal address.
 */
export function twilioWebhookPost(
  receive: (db: Db, call: SignedTwilioCall & { context: RequestContext }) => Promise<unknown>,
) {
  return async function POST(request: Request, routeContext: RouteContext): Promise<Response> {
    const context = requestContextFrom(request.headers);
    try {
      const { orgSlug } = await routeContext.params;
      const text = await readBodyText(request, MAX_BODY_BYTES);
      const url = new URL(request.url);
      await receive(getDb(), {
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
  };
}
