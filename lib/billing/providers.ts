import "server-only";
import Stripe from "stripe";
import { AppError } from "@/lib/http/app-error";

export type CardDetails = { providerRef: string; brand: string; last4: string; expMonth: number; expYear: number };
export type ChargeOutcome = { status: "paid" | "failed"; reference: string | null; reason: string | null };

/**
 * Where card data lives: never in Verity. A provider turns a payment-method token into what may be
 * shown (brand, last 4, expiry) and charges invoices. The local provider (the default) accepts only
 * test tokens, so every billing screen can be tried without an account anywhere; the Stripe provider
 * is active when STRIPE_SECRET_KEY is set.
 */
export interface BillingProvider {
  readonly name: "local" | "stripe";
  attachPaymentMethod(input: {
    orgId: string;
    token: string;
    customerId: string | null;
  }): Promise<CardDetails & { customerId: string | null }>;
  charge(input: {
    orgId: string;
    customerId: string | null;
    paymentMethodRef: string | null;
    amountCents: number;
    currency: string;
    invoiceNumber: number;
  }): Promise<ChargeOutcome>;
}

/** Stripe's own test payment-method tokens, with the card each stands for. */
const TEST_TOKENS: Record<string, { brand: string; last4: string; declines?: boolean }> = {
  pm_card_visa: { brand: "visa", last4: "4242" },
  pm_card_mastercard: { brand: "mastercard", last4: "4444" },
  pm_card_amex: { brand: "amex", last4: "8431" },
  pm_card_discover: { brand: "discover", last4: "9424" },
  pm_card_chargeDeclined: { brand: "visa", last4: "0002", declines: true },
};
export const LOCAL_TEST_TOKENS = Object.keys(TEST_TOKENS);

/** Something that looks like a card number (13 to 19 digits, spaces or dashes between): refused before anything else, and never echoed. */
export function looksLikeCardNumber(value: string): boolean {
  const digits = value.replace(/[\s-]/g, "");
  return /^\d{13,19}$/.test(digits);
}

export const localProvider: BillingProvider = {
  name: "local",
  async attachPaymentMethod({ token }) {
    const card = TEST_TOKENS[token];
    if (!card)
      throw new AppError("invalid_input", `Unknown test payment method. Use one of ${LOCAL_TEST_TOKENS.join(", ")}.`, {
        token: ["Not a test payment-method token."],
      });
    return {
      providerRef: `local_${token}`,
      brand: card.brand,
      last4: card.last4,
      expMonth: 12,
      expYear: new Date().getUTCFullYear() + 3,
      customerId: null,
    };
  },
  async charge({ paymentMethodRef, amountCents, invoiceNumber }) {
    if (amountCents === 0) return { status: "paid", reference: `local_invoice_${invoiceNumber}`, reason: null };
    if (!paymentMethodRef) return { status: "failed", reference: null, reason: "No payment method on file." };
    const token = paymentMethodRef.replace(/^local_/, "");
    if (TEST_TOKENS[token]?.declines) return { status: "failed", reference: null, reason: "The card was declined." };
    return { status: "paid", reference: `local_charge_${invoiceNumber}`, reason: null };
  },
};

/**
 * The Stripe client. Checking a webhook signature needs no API key, so one is not required for that.
 * STRIPE_API_BASE (e.g. http://127.0.0.1:12111) points it at a Stripe-compatible mock, for tests.
 */
export function stripeClient(): Stripe {
  const base = process.env.STRIPE_API_BASE ? new URL(process.env.STRIPE_API_BASE) : null;
  return new Stripe(process.env.STRIPE_SECRET_KEY || "sk_not_configured", {
    maxNetworkRetries: base ? 0 : 2,
    timeout: 20_000,
    ...(base
      ? { host: base.hostname, port: Number(base.port), protocol: base.protocol.replace(":", "") as "http" | "https" }
      : {}),
  });
}

/** Stripe's customer for the organization, created on first need (the caller stores the id). */
async function stripeCustomer(stripe: Stripe, orgId: string, customerId: string | null): Promise<string> {
  return customerId ?? (await stripe.customers.create({ metadata: { verityOrgId: orgId } })).id;
}

/**
 * A Stripe Checkout session in setup mode: the owner enters the card on Stripe's page, never on
 * Verity's; Stripe then calls the webhook (checkout.session.completed) and the method is recorded.
 */
export async function stripeSetupSession({
  orgId,
  customerId,
  returnUrl,
}: {
  orgId: string;
  customerId: string | null;
  returnUrl: string;
}) {
  const stripe = stripeClient();
  const customer = await stripeCustomer(stripe, orgId, customerId);
  const session = await stripe.checkout.sessions.create({
    mode: "setup",
    customer,
    currency: "usd",
    success_url: `${returnUrl}?setup=done`,
    cancel_url: `${returnUrl}?setup=cancelled`,
    metadata: { verityOrgId: orgId },
  });
  if (!session.url) throw new AppError("unavailable", "Stripe did not return a checkout page. Try again in a moment.");
  return { url: session.url, customerId: customer };
}

/** Stripe's customer portal, for invoices and payment methods as Stripe keeps them. */
export async function stripePortalSession({ customerId, returnUrl }: { customerId: string; returnUrl: string }) {
  const session = await stripeClient().billingPortal.sessions.create({ customer: customerId, return_url: returnUrl });
  return { url: session.url };
}

/** The card a completed setup session saved, as Verity may show it. */
export async function stripeSetupResult(setupIntentId: string): Promise<CardDetails | null> {
  const intent = await stripeClient().setupIntents.retrieve(setupIntentId, { expand: ["payment_method"] });
  const method = intent.payment_method;
  if (!method || typeof method === "string" || !method.card) return null;
  return {
    providerRef: method.id,
    brand: method.card.brand,
    last4: method.card.last4,
    expMonth: method.card.exp_month,
    expYear: method.card.exp_year,
  };
}

export const stripeProvider: BillingProvider = {
  name: "stripe",
  async attachPaymentMethod({ orgId, token, customerId }) {
    const stripe = stripeClient();
    const customer = await stripeCustomer(stripe, orgId, customerId);
    const method = await stripe.paymentMethods.attach(token, { customer });
    await stripe.customers.update(customer, { invoice_settings: { default_payment_method: method.id } });
    const card = method.card;
    if (!card)
      throw new AppError("invalid_input", "Only card payment methods are supported.", { token: ["Not a card."] });
    return {
      providerRef: method.id,
      brand: card.brand,
      last4: card.last4,
      expMonth: card.exp_month,
      expYear: card.exp_year,
      customerId: customer,
    };
  },
  async charge({ customerId, paymentMethodRef, amountCents, currency, invoiceNumber, orgId }) {
    if (amountCents === 0) return { status: "paid", reference: null, reason: null };
    if (!customerId || !paymentMethodRef)
      return { status: "failed", reference: null, reason: "No payment method on file." };
    try {
      const intent = await stripeClient().paymentIntents.create({
        amount: amountCents,
        currency,
        customer: customerId,
        payment_method: paymentMethodRef,
        off_session: true,
        confirm: true,
        metadata: { verityOrgId: orgId, invoiceNumber: String(invoiceNumber) },
      });
      return intent.status === "succeeded"
        ? { status: "paid", reference: intent.id, reason: null }
        : { status: "failed", reference: intent.id, reason: `Payment ${intent.status}.` };
    } catch (error) {
      return {
        status: "failed",
        reference: null,
        reason:
          error instanceof Stripe.errors.StripeError ? error.message : "The payment provider could not be reached.",
      };
    }
  },
};

export const billingProvider = (): BillingProvider => (process.env.STRIPE_SECRET_KEY ? stripeProvider : localProvider);
