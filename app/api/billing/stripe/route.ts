import { handleStripeWebhook } from "@/lib/billing/stripe-webhook";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { problemResponse } from "@/lib/http/problem";
import { requestContextFrom } from "@/lib/http/request-context";

export const dynamic = "force-dynamic";

const MAX_BODY_BYTES = 512 * 1024;

/** Stripe's webhook endpoint: point Stripe at https://<your host>/api/billing/stripe and set STRIPE_WEBHOOK_SECRET. */
export async function POST(request: Request) {
  const { requestId } = requestContextFrom(request.headers);
  try {
    const rawBody = await request.text();
    if (Buffer.byteLength(rawBody) > MAX_BODY_BYTES)
      throw new AppError("payload_too_large", "The body is larger than 512 KB.");
    return Response.json(
      await handleStripeWebhook(getDb(), { rawBody, signature: request.headers.get("stripe-signature") }),
    );
  } catch (error) {
    return problemResponse(error, requestId);
  }
}
