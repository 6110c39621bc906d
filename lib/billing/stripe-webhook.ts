import "server-only";
import type Stripe from "stripe";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/http/app-error";
import { recordPayment } from "./invoices";
import { stripeClient } from "./providers";

/** How old a signed event may be (Stripe's default tolerance). */
const TOLERANCE_SECONDS = 300;

/**
 * Stripe's calls to Verity: the raw body's `Stripe-Signature` is checked with the official library
 * against STRIPE_WEBHOOK_SECRET before anything is read from it. Payment outcomes of Verity's invoices
 * (payment intents carrying verityOrgId and invoiceNumber) are recorded; other events are acknowledged.
 */
export async function handleStripeWebhook(db: Db, { rawBody, signature }: { rawBody: string; signature: string | null }): Promise<{ received: true; handled: boolean }> {
  const secret = process.env.STRIPE_WEBHOOK_SECRET;
  if (!secret) throw new AppError("not_found", "Stripe is not configured on this server.");
  if (!signature) throw new AppError("invalid_input", "Missing Stripe-Signature header.");
  let event: Stripe.Event;
  try {
    event = stripeClient().webhooks.constructEvent(rawBody, signature, secret, TOLERANCE_SECONDS);
  } catch {
    throw new AppError("invalid_input", "The Stripe-Signature header does not match this body.");
  }
  if (event.type !== "payment_intent.succeeded" && event.type !== "payment_intent.payment_failed") return { received: true, handled: false };
  const intent = event.data.object as Stripe.PaymentIntent;
  const orgId = intent.metadata?.verityOrgId;
  const number = Number(intent.metadata?.invoiceNumber);
  if (!orgId || !Number.isInteger(number) || !/^[0-9a-f-]{36}$/.test(orgId)) return { received: true, handled: false };
  await recordPayment(db, orgId, number, {
    status: event.type === "payment_intent.succeeded" ? "paid" : "failed",
    reference: intent.id,
    reason: intent.last_payment_error?.message ?? (event.type === "payment_intent.payment_failed" ? "The payment failed." : null),
  });
  return { received: true, handled: true };
}
