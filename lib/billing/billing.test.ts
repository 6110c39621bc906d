import Stripe from "stripe";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { POST as stripeWebhook } from "@/app/api/billing/stripe/route";
import { POST as postAuditEvent } from "@/app/api/v1/audit-events/route";
import { GET as getMe } from "@/app/api/v1/me/route";
import { connectDb, type Db } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { isPostgres, testDb } from "@/lib/testing/database";
import { callApi, createTestKey } from "@/lib/testing/api";
import { createOwner, orgContextFor } from "@/lib/testing/factories";
import { addPaymentMethod } from "./add-payment-method";
import { cancelSubscription } from "./cancel-subscription";
import { changePlan } from "./change-plan";
import { removePaymentMethod } from "./remove-payment-method";
import { addMonth, invoiceLines, periodLength } from "./invoice-lines";
import { closePeriod, findInvoice, listInvoices } from "./invoices";
import { meter, usageInPeriod } from "./usage";

let db: Db;
beforeAll(() => {
  db = testDb();
});

const DAY = 86_400_000;
type Owner = Awaited<ReturnType<typeof createOwner>>;
const ctxOf = (owner: Owner) => orgContextFor(owner, owner.org);
const inTx = <T>(run: (tx: Parameters<Parameters<Db["$transaction"]>[0]>[0]) => Promise<T>) => db.$transaction(run);
const periodStartOf = async (orgId: string) =>
  (await db.billingAccount.findUniqueOrThrow({ where: { orgId } })).periodStart;
const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
};
/** Moves the org's current period (and its history) back so that it has ended `daysAgo` days ago. */
async function endPeriod(orgId: string, periodDays = 30, daysAgo = 0) {
  const end = new Date(Date.now() - daysAgo * DAY);
  const start = new Date(end.getTime() - periodDays * DAY);
  await db.billingAccount.update({ where: { orgId }, data: { periodStart: start, periodEnd: end } });
  await db.billingChange.updateMany({ where: { orgId }, data: { at: start } });
  return { start, end };
}

describe("the proration rule", () => {
  const start = new Date("2026-11-01T00:00:00Z");
  const end = new Date("2026-12-01T00:00:00Z");

  it("charges a whole period's seats at the plan's price", () => {
    const lines = invoiceLines({
      periodStart: start,
      periodEnd: end,
      changes: [{ at: start, plan: "team", seats: 5 }],
      ingestedEvents: 10,
    });
    expect(lines[0]).toEqual({
      description: "Team plan, 5 seats, 2026-11-01 to 2026-11-30",
      quantity: 5,
      unitAmountCents: 1500,
      amountCents: 7500,
    });
    expect(lines.reduce((sum, line) => sum + line.amountCents, 0)).toBe(7500);
  });

  it("charges added seats for the rest of the period only, and a plan change from its day", () => {
    const lines = invoiceLines({
      periodStart: start,
      periodEnd: end,
      changes: [
        { at: new Date("2026-10-01T00:00:00Z"), plan: "free", seats: 3 },
        { at: new Date("2026-11-11T00:00:00Z"), plan: "team", seats: 4 },
        { at: new Date("2026-11-21T00:00:00Z"), plan: "team", seats: 10 },
      ],
      ingestedEvents: 0,
    });
    expect(lines.slice(0, 3).map((line) => [line.quantity, line.unitAmountCents, line.amountCents])).toEqual([
      [3, 0, 0], // Free for 10 days
      [4, 500, 2000], // Team, 4 seats, 10 of 30 days
      [10, 500, 5000], // Team, 10 seats, the last 10 days
    ]);
    expect(lines[1].description).toContain("(10 of 30 days)");
  });

  it("says a short stretch in hours or minutes, never as a fraction of a day", () => {
    expect(periodLength(30 * 86_400_000)).toBe("30 days");
    expect(periodLength(1.5 * 86_400_000)).toBe("1.5 days");
    expect(periodLength(3 * 3_600_000)).toBe("3 hours");
    expect(periodLength(90 * 60_000)).toBe("1.5 hours");
    expect(periodLength(60 * 60_000)).toBe("1 hour");
    expect(periodLength(20 * 60_000)).toBe("20 minutes");
    expect(periodLength(20_000)).toBe("less than a minute");
    const periodStart = new Date("2026-12-01T00:00:00Z");
    const lines = invoiceLines({
      periodStart,
      periodEnd: new Date("2026-12-01T00:30:00Z"), // a test-mode period closed after half an hour
      changes: [
        { at: periodStart, plan: "team", seats: 1 },
        { at: new Date("2026-12-01T00:10:00Z"), plan: "team", seats: 2 },
      ],
      ingestedEvents: 0,
    });
    expect(lines[0].description).toContain("(10 minutes of 30 minutes)");
    expect(lines[1].description).toContain("(20 minutes of 30 minutes)");
  });

  it("bills ingested events beyond the allowance per started 1,000 on paid plans", () => {
    const lines = invoiceLines({
      periodStart: start,
      periodEnd: end,
      changes: [{ at: start, plan: "team", seats: 1 }],
      ingestedEvents: 1_002_001,
    });
    expect(lines[1]).toMatchObject({ quantity: 3, unitAmountCents: 20, amountCents: 60 });
  });

  it("moves periods by calendar month, clamping to the month's last day", () => {
    expect(addMonth(new Date("2026-01-31T10:00:00Z")).toISOString()).toBe("2026-02-28T10:00:00.000Z");
    expect(addMonth(new Date("2026-12-15T00:00:00Z")).toISOString()).toBe("2027-01-15T00:00:00.000Z");
  });
});

describe("plans, seats and payment methods", () => {
  it("starts every new organization on Free with 5 seats", async () => {
    const owner = await createOwner();
    const account = await db.billingAccount.findUniqueOrThrow({ where: { orgId: owner.org.id } });
    expect(account).toMatchObject({ plan: "free", seats: 5, cancelAtPeriodEnd: false, lastInvoiceNumber: 0 });
    expect(account.periodEnd.getTime() - account.periodStart.getTime()).toBeGreaterThanOrEqual(28 * DAY);
  });

  it("needs a payment method for a paid plan, refuses card numbers without echoing or storing them, and audits each change", async () => {
    const owner = await createOwner();
    const ctx = ctxOf(owner);
    expect((await refusal(inTx((tx) => changePlan(tx, ctx, { plan: "team", seats: 5 })))).status).toBe(402);
    const card = "4242 4242 4242 4242";
    const typed = await refusal(
      inTx((tx) => addPaymentMethod(tx, ctx, { token: card })).catch((error) =>
        Promise.reject(AppError.fromZod(error)),
      ),
    );
    expect(typed.status).toBe(400);
    expect(JSON.stringify(typed)).not.toContain("4242 4242");
    expect(typed.fieldErrors?.token?.[0]).toMatch(/never takes card numbers/);
    expect((await refusal(inTx((tx) => addPaymentMethod(tx, ctx, { token: "pm_card_unknown" })))).status).toBe(400);
    const method = await inTx((tx) => addPaymentMethod(tx, ctx, { token: "pm_card_visa" }));
    expect(method).toMatchObject({ brand: "visa", last4: "4242" });
    const summary = await inTx((tx) => changePlan(tx, ctx, { plan: "team", seats: 5 }));
    expect(summary).toMatchObject({
      plan: { id: "team" },
      seats: { purchased: 5, used: 1 },
      paymentMethod: { brand: "visa", last4: "4242" },
    });
    await inTx((tx) => changePlan(tx, ctx, { plan: "team", seats: 8 }));
    const actions = (
      await db.auditEntry.findMany({ where: { orgId: owner.org.id, category: "billing" }, orderBy: { seq: "asc" } })
    ).map((entry) => [entry.action, entry.metadata]);
    expect(actions).toEqual([
      ["billing.payment_method_added", { brand: "visa", last4: "4242" }],
      ["billing.plan_changed", { from: "free", to: "team", seats: 5 }],
      ["billing.seats_changed", { from: 5, to: 8, plan: "team" }],
    ]);
    // The digits typed by mistake are nowhere in the database.
    const [{ hits }] = await db.$queryRaw<
      { hits: number }[]
    >`SELECT count(*)::int AS hits FROM audit_entries WHERE metadata::text LIKE '%4242 4242%' OR metadata::text LIKE '%4242424242424242%'`;
    expect(hits).toBe(0);
    // A paid plan keeps its payment method until it is cancelled.
    expect((await refusal(inTx((tx) => removePaymentMethod(tx, ctx)))).status).toBe(409);
  });

  it("refuses unknown plans and negative, absurd or too few seats, changing nothing", async () => {
    const owner = await createOwner();
    const ctx = ctxOf(owner);
    await inTx((tx) => addPaymentMethod(tx, ctx, { token: "pm_card_mastercard" }));
    const member = await createOwner();
    await db.membership.create({ data: { orgId: owner.org.id, userId: member.user.id, role: "MEMBER" } });
    for (const input of [
      { plan: "platinum" },
      { plan: "team", seats: -1 },
      { plan: "team", seats: 1_000_000_000 },
      { plan: "team", seats: 2.5 },
      { plan: "team", seats: 1 },
      { plan: "team", seats: 501 },
    ]) {
      const error = await inTx((tx) => changePlan(tx, ctx, input as never)).then(
        () => null,
        (caught: unknown) => caught,
      );
      expect({ input, refused: error !== null }).toEqual({ input, refused: true });
    }
    expect(await db.billingAccount.findUniqueOrThrow({ where: { orgId: owner.org.id } })).toMatchObject({
      plan: "free",
      seats: 5,
    });
    expect(await db.billingChange.count({ where: { orgId: owner.org.id } })).toBe(1);
  });
});

describe("usage metering", () => {
  it("counts with the transaction it belongs to, and the counts survive a restart", async () => {
    const owner = await createOwner();
    await inTx((tx) => meter(tx, owner.org.id, "ingested_events", 3));
    await expect(
      inTx(async (tx) => {
        await meter(tx, owner.org.id, "ingested_events", 100);
        throw new Error("the metered action failed");
      }),
    ).rejects.toThrow();
    await meter(db, owner.org.id, "api_requests");
    // A new client, as after a restart, reads what was committed.
    const restarted = connectDb(process.env.DATABASE_URL!);
    try {
      expect(await usageInPeriod(restarted, owner.org.id, await periodStartOf(owner.org.id))).toEqual({
        ingested_events: 3,
        api_requests: 1,
        webhook_deliveries: 0,
      });
    } finally {
      await restarted.$disconnect();
    }
  });
});

describe("what is metered", () => {
  it("counts every authenticated API request, and an ingested event only when it is recorded", async () => {
    const owner = await createOwner();
    const { key } = await createTestKey(db, owner, owner.org, { name: "meter", scopes: ["org.read", "audit.ingest"] });
    expect((await callApi(getMe, "/me", { key })).status).toBe(200);
    expect(
      (await callApi(postAuditEvent, "/audit-events", { key, method: "POST", body: { action: "wallet.transfer" } }))
        .status,
    ).toBe(201);
    expect(
      (await callApi(postAuditEvent, "/audit-events", { key, method: "POST", body: { action: "Not An Action" } }))
        .status,
    ).toBe(400);
    const usage = await usageInPeriod(db, owner.org.id, await periodStartOf(owner.org.id));
    expect(usage).toEqual({ api_requests: 3, ingested_events: 1, webhook_deliveries: 0 });
  });
});

describe("closing a period", () => {
  it("issues an immutable invoice of seats and usage, opens the next period, and collects payment", async () => {
    const owner = await createOwner();
    const ctx = ctxOf(owner);
    await inTx((tx) => addPaymentMethod(tx, ctx, { token: "pm_card_visa" }));
    await inTx((tx) => changePlan(tx, ctx, { plan: "team", seats: 4 }));
    expect(await closePeriod(db, owner.org.id)).toBeNull(); // the period is still running
    const { end } = await endPeriod(owner.org.id);
    const issued = await closePeriod(db, owner.org.id);
    expect(issued).toMatchObject({ number: 1, totalCents: 6000 });
    const invoice = (await findInvoice(db, owner.org.id, 1))!;
    expect(invoice).toMatchObject({ status: "paid", totalCents: 6000, periodEnd: end.toISOString() });
    expect(invoice.lines[0]).toMatchObject({ quantity: 4, unitAmountCents: 1500, amountCents: 6000 });
    const account = await db.billingAccount.findUniqueOrThrow({ where: { orgId: owner.org.id } });
    expect(account.periodStart.toISOString()).toBe(end.toISOString());
    expect(account.lastInvoiceNumber).toBe(1);
    const actions = (
      await db.auditEntry.findMany({
        where: { orgId: owner.org.id, action: { startsWith: "billing.invoice" } },
        orderBy: { seq: "asc" },
      })
    ).map((entry) => entry.action);
    expect(actions).toEqual(["billing.invoice_issued", "billing.invoice_paid"]);
    // Issued means immutable: the database refuses to change an amount or to delete the invoice.
    await expect(db.invoice.update({ where: { id: invoice.id }, data: { totalCents: 1 } })).rejects.toThrow(
      /immutable/,
    );
    await expect(db.invoice.delete({ where: { id: invoice.id } })).rejects.toThrow(/immutable/);
  });

  it("records a declined card as a failed invoice, and a scheduled cancellation moves the org to Free", async () => {
    const owner = await createOwner();
    const ctx = ctxOf(owner);
    await inTx((tx) => addPaymentMethod(tx, ctx, { token: "pm_card_chargeDeclined" }));
    await inTx((tx) => changePlan(tx, ctx, { plan: "enterprise", seats: 2 }));
    await inTx((tx) => cancelSubscription(tx, ctx));
    await endPeriod(owner.org.id);
    await closePeriod(db, owner.org.id);
    const [invoice] = await listInvoices(db, owner.org.id);
    expect(invoice).toMatchObject({ number: 1, status: "failed", totalCents: 9000 });
    const failed = await db.auditEntry.findFirstOrThrow({
      where: { orgId: owner.org.id, action: "billing.invoice_failed" },
    });
    expect(failed.metadata).toMatchObject({ reason: "The card was declined." });
    expect(await db.billingAccount.findUniqueOrThrow({ where: { orgId: owner.org.id } })).toMatchObject({
      plan: "free",
      seats: 5,
      cancelAtPeriodEnd: false,
    });
  });

  it("numbers invoices without gaps or duplicates when closes run concurrently", async () => {
    const owner = await createOwner();
    // Six months owed at once.
    await endPeriod(owner.org.id, 30, 150);
    const closers = Array.from({ length: isPostgres() ? 6 : 3 }, async () => {
      const numbers: number[] = [];
      for (let invoice = await closePeriod(db, owner.org.id); invoice; invoice = await closePeriod(db, owner.org.id))
        numbers.push(invoice.number);
      return numbers;
    });
    const issued = (await Promise.all(closers)).flat().sort((a, b) => a - b);
    const stored = (await listInvoices(db, owner.org.id)).map((invoice) => invoice.number).sort((a, b) => a - b);
    expect(stored).toEqual(issued);
    expect(stored).toEqual(Array.from({ length: stored.length }, (_, i) => i + 1));
    expect(stored.length).toBeGreaterThanOrEqual(5);
  });
});

describe("the Stripe webhook receiver", () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const name of ["STRIPE_WEBHOOK_SECRET", "STRIPE_SECRET_KEY"]) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });
  const secret = "whsec_test_verity_billing";
  const stripe = new Stripe("sk_test_placeholder");
  const deliver = (payload: string, signature: string) =>
    stripeWebhook(
      new Request("http://localhost/api/billing/stripe", {
        method: "POST",
        body: payload,
        headers: { "stripe-signature": signature, "x-verity-peer-ip": "198.51.100.9" },
      }),
    );

  it("accepts a correctly signed event and records the payment; rejects a bad signature and writes nothing", async () => {
    process.env.STRIPE_WEBHOOK_SECRET = secret;
    const owner = await createOwner();
    await endPeriod(owner.org.id);
    await db.billingAccount.update({ where: { orgId: owner.org.id }, data: { plan: "team", seats: 2 } });
    await db.billingChange.create({
      data: { orgId: owner.org.id, at: new Date(Date.now() - 30 * DAY), plan: "team", seats: 2 },
    });
    await closePeriod(db, owner.org.id); // no payment method: issued, then failed
    expect((await findInvoice(db, owner.org.id, 1))?.status).toBe("failed");
    const event = (type: string) =>
      JSON.stringify({
        id: "evt_1",
        object: "event",
        type,
        data: {
          object: { id: "pi_1", object: "payment_intent", metadata: { verityOrgId: owner.org.id, invoiceNumber: "1" } },
        },
      });

    const forged = await deliver(
      event("payment_intent.succeeded"),
      stripe.webhooks.generateTestHeaderString({
        payload: event("payment_intent.succeeded"),
        secret: "whsec_someone_else",
      }),
    );
    expect(forged.status).toBe(400);
    expect(forged.headers.get("content-type")).toBe("application/problem+json");
    expect((await findInvoice(db, owner.org.id, 1))?.status).toBe("failed");
    const tampered = await deliver(
      event("payment_intent.succeeded").replace("pi_1", "pi_2"),
      stripe.webhooks.generateTestHeaderString({ payload: event("payment_intent.succeeded"), secret }),
    );
    expect(tampered.status).toBe(400);

    const payload = event("payment_intent.succeeded");
    const accepted = await deliver(payload, stripe.webhooks.generateTestHeaderString({ payload, secret }));
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toEqual({ received: true, handled: true });
    expect((await findInvoice(db, owner.org.id, 1))?.status).toBe("paid");
    expect(await db.auditEntry.count({ where: { orgId: owner.org.id, action: "billing.invoice_paid" } })).toBe(1);
  });

  it("answers 404 when Stripe is not configured", async () => {
    delete process.env.STRIPE_WEBHOOK_SECRET;
    expect((await deliver("{}", "t=1,v1=x")).status).toBe(404);
  });
});

describe("the upcoming invoice", () => {
  it("estimates the current period with today's seats", async () => {
    const owner = await createOwner();
    const ctx = ctxOf(owner);
    await inTx((tx) => addPaymentMethod(tx, ctx, { token: "pm_card_visa" }));
    await endPeriod(owner.org.id, 30, -30); // a period that started now and runs 30 days
    await inTx((tx) => changePlan(tx, ctx, { plan: "team", seats: 2 }));
    const { upcomingInvoice } = await import("./invoices");
    const estimate = await upcomingInvoice(db, owner.org.id);
    // Free until a moment ago, Team with 2 seats for (almost) the whole period.
    expect(estimate.totalCents).toBeGreaterThan(2900);
    expect(estimate.totalCents).toBeLessThanOrEqual(3000);
  });
});
