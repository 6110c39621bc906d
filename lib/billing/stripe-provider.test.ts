import http from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as stripeWebhook } from "@/app/api/billing/stripe/route";
import type { Db } from "@/lib/db/client";
import { testDb } from "@/lib/testing/database";
import { createOwner } from "@/lib/testing/factories";
import { stripeCardSetupUrl } from "./stripe-card-setup-url";
import { stripePortalUrl } from "./stripe-portal-url";
import { stripeProvider } from "./providers";

/** A stand-in for Stripe's API on loopback: records each call and answers as Stripe would. */
const calls: { method: string; path: string; body: URLSearchParams }[] = [];
let server: http.Server;
let db: Db;
const saved = { ...process.env };

beforeAll(async () => {
  db = testDb();
  server = http.createServer((request, response) => {
    let raw = "";
    request.on("data", (chunk) => (raw += chunk));
    request.on("end", () => {
      const url = new URL(request.url!, "http://stripe.test");
      calls.push({ method: request.method!, path: url.pathname, body: new URLSearchParams(raw) });
      const answers: Record<string, unknown> = {
        "POST /v1/customers": { id: "cus_verity1", object: "customer" },
        "POST /v1/checkout/sessions": {
          id: "cs_1",
          object: "checkout.session",
          url: "https://checkout.stripe.com/c/pay/cs_1",
        },
        "POST /v1/billing_portal/sessions": {
          id: "bps_1",
          object: "billing_portal.session",
          url: "https://billing.stripe.com/p/session/bps_1",
        },
        "GET /v1/setup_intents/seti_1": {
          id: "seti_1",
          object: "setup_intent",
          payment_method: {
            id: "pm_1",
            object: "payment_method",
            card: { brand: "mastercard", last4: "4444", exp_month: 7, exp_year: 2031 },
          },
        },
        "POST /v1/payment_intents": { id: "pi_9", object: "payment_intent", status: "succeeded" },
      };
      const answer = answers[`${request.method} ${url.pathname}`];
      response
        .writeHead(answer ? 200 : 404, { "content-type": "application/json" })
        .end(JSON.stringify(answer ?? { error: { message: "no such route" } }));
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  process.env.STRIPE_API_BASE = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.STRIPE_SECRET_KEY = "sk_test_verity";
  process.env.STRIPE_WEBHOOK_SECRET = "whsec_test_verity";
});
afterAll(async () => {
  for (const name of ["STRIPE_API_BASE", "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET"]) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  await new Promise((done) => server.close(done));
});

describe("the Stripe provider", () => {
  it("sends the owner to a setup-mode Checkout page, records the saved card from the webhook, and opens the customer portal", async () => {
    const owner = await createOwner();
    const url = await stripeCardSetupUrl(db, owner.org.id, "http://localhost:3000/acme/billing");
    expect(url).toBe("https://checkout.stripe.com/c/pay/cs_1");
    const session = calls.find((call) => call.path === "/v1/checkout/sessions")!;
    expect(session.body.get("mode")).toBe("setup");
    expect(session.body.get("customer")).toBe("cus_verity1");
    expect(session.body.get("metadata[verityOrgId]")).toBe(owner.org.id);
    expect(await db.billingAccount.findUniqueOrThrow({ where: { orgId: owner.org.id } })).toMatchObject({
      provider: "stripe",
      providerCustomerId: "cus_verity1",
    });

    const payload = JSON.stringify({
      id: "evt_setup",
      object: "event",
      type: "checkout.session.completed",
      data: {
        object: {
          id: "cs_1",
          object: "checkout.session",
          mode: "setup",
          customer: "cus_verity1",
          setup_intent: "seti_1",
          metadata: { verityOrgId: owner.org.id },
        },
      },
    });
    const signature = new Stripe("sk_test_x").webhooks.generateTestHeaderString({
      payload,
      secret: "whsec_test_verity",
    });
    const send = () =>
      stripeWebhook(
        new Request("http://localhost/api/billing/stripe", {
          method: "POST",
          body: payload,
          headers: { "stripe-signature": signature },
        }),
      );
    expect(await (await send()).json()).toEqual({ received: true, handled: true });
    await send(); // Stripe redelivers: recorded once
    const methods = await db.paymentMethod.findMany({ where: { orgId: owner.org.id, removedAt: null } });
    expect(methods).toHaveLength(1);
    expect(methods[0]).toMatchObject({
      provider: "stripe",
      providerRef: "pm_1",
      brand: "mastercard",
      last4: "4444",
      expMonth: 7,
      expYear: 2031,
    });
    expect(await db.auditEntry.count({ where: { orgId: owner.org.id, action: "billing.payment_method_added" } })).toBe(
      1,
    );

    expect(await stripePortalUrl(db, owner.org.id, "http://localhost:3000/acme/billing")).toBe(
      "https://billing.stripe.com/p/session/bps_1",
    );
    const outcome = await stripeProvider.charge({
      orgId: owner.org.id,
      customerId: "cus_verity1",
      paymentMethodRef: "pm_1",
      amountCents: 7500,
      currency: "usd",
      invoiceNumber: 1,
    });
    expect(outcome).toEqual({ status: "paid", reference: "pi_9", reason: null });
    const charge = calls.find((call) => call.path === "/v1/payment_intents")!;
    expect(charge.body.get("amount")).toBe("7500");
    expect(charge.body.get("off_session")).toBe("true");
  });
});
