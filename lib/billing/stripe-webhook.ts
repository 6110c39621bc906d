import "server-only";
import type Stripe from "stripe";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { recordPayment } from "./invoices";
import { stripeClient, stripeSetupResult } from "./providers";

/** How old a signed event may be (Stripe's default tolerance). */
const TOLERANCE_SECONDS = 300;

/**
 * Stripe's calls to Verity: the raw body's `Stripe-Signature` is checked with the official library
 * against STRIPE_WEBHOOK_SECRET before anything is read from it. Payment outcomes of Verity's invoices
 * (payment intents carrying verityOrgId and invoiceNumber) are recorded; other events are acknowledged.
 */
export async function handleStripeWebhook(
  db: Db,
  { rawBody, signature }: { rawBody: string; signature: string | null },
): Promise<{ received: true; handled: boolean }> {
  const secret = process.env.STRIPE_WEBHOOK_SECRET;
  if (!secret) throw new AppError("not_found", "Stripe is not configured on this server.");
  if (!signature) throw new AppError("invalid_input", "Missing Stripe-Signature header.");
  let event: Stripe.Event;
  try {
    event = stripeClient().webhooks.constructEvent(rawBody, signature, secret, TOLERANCE_SECONDS);
  } catch {
    throw new AppError("invalid_input", "The Stripe-Signature header does not match this body.");
  }
  if (event.type === "checkout.session.completed")
    return { received: true, handled: await recordStripeSetup(db, event.data.object as Stripe.Checkout.Session) };
  if (event.type !== "payment_intent.succeeded" && event.type !== "payment_intent.payment_failed")
    return { received: true, handled: false };
  const intent = event.data.object as Stripe.PaymentIntent;
  const orgId = intent.metadata?.verityOrgId;
  const number = Number(intent.metadata?.invoiceNumber);
  if (!orgId || !Number.isInteger(number) || !/^[0-9a-f-]{36}$/.test(orgId)) return { received: true, handled: false };
  await recordPayment(db, orgId, number, {
    status: event.type === "payment_intent.succeeded" ? "paid" : "failed",
    reference: intent.id,
    reason:
      intent.last_payment_error?.message ??
      (event.type === "payment_intent.payment_failed" ? "The payment failed." : null),
  });
  return { received: true, handled: true };
}

/** A completed setup-mode checkout: the card the owner saved on Stripe's page becomes the org's payment method. */
async function recordStripeSetup(db: Db, session: Stripe.Checkout.Session): Promise<boolean> {
  const orgId = session.metadata?.verityOrgId;
  const setupIntent = typeof session.setup_intent === "string" ? session.setup_intent : session.setup_intent?.id;
  const customer = typeof session.customer === "string" ? session.customer : session.customer?.id;
  if (session.mode !== "setup" || !orgId || !/^[0-9a-f-]{36}$/.test(orgId) || !setupIntent || !customer) return false;
  const card = await stripeSetupResult(setupIntent);
  if (!card) return false;
  await db.$transaction(async (tx) => {
    const account = await tx.billingAccount.findUnique({ where: { orgId } });
    if (!account || (account.providerCustomerId && account.providerCustomerId !== customer)) return;
    // a redelivered event
    if (await tx.paymentMethod.findFirst({ where: { orgId, providerRef: card.providerRef, removedAt: null } })) return;
    await tx.paymentMethod.updateMany({ where: { orgId, removedAt: null }, data: { removedAt: new Date() } });
    await tx.paymentMethod.create({ data: { orgId, provider: "stripe", ...card } });
    await tx.billingAccount.update({ where: { orgId }, data: { provider: "stripe", providerCustomerId: customer } });
    await appendAuditEntry(tx, {
      orgId,
      action: "billing.payment_method_added",
      actor: { type: "system", id: null, display: "Stripe" },
      target: { type: "organization", id: orgId, display: null },
      metadata: { brand: card.brand, last4: card.last4 },
    });
  });
  return true;
}
