import { beforeAll, describe, expect, it } from "vitest";
import { GET as getMe } from "@/app/api/v1/me/route";
import type { Db } from "@/lib/db/client";
import { callApi, createTestKey } from "@/lib/testing/api";
import { isPostgres, testDb } from "@/lib/testing/database";
import { createOwner } from "@/lib/testing/factories";
import { addMonth } from "./invoice-lines";
import { closePeriod, findInvoice, upcomingInvoice } from "./invoices";
import { dailyUsage, meter, usageInPeriod } from "./usage";

let db: Db;
beforeAll(() => {
  db = testDb();
});

const MS = 1;
const MINUTE = 60_000;

/** Puts the organization's current period at [start, end), its plan history starting with it. */
async function periodAt(orgId: string, start: Date, end: Date) {
  await db.billingAccount.update({ where: { orgId }, data: { periodStart: start, periodEnd: end } });
  await db.billingChange.updateMany({ where: { orgId }, data: { at: start } });
}

const ingested = async (orgId: string, periodStart: Date) =>
  (await usageInPeriod(db, orgId, periodStart)).ingested_events;
const invoicedEvents = async (orgId: string, number: number) =>
  (await findInvoice(db, orgId, number))!.lines.find((line) => line.description.startsWith("Ingested events:"))!
    .quantity;

describe("usage lands in exactly one billing period", () => {
  it("counts the first instant of a period in it, and its end instant in the next one, whatever the time of day", async () => {
    const { org } = await createOwner();
    // Periods start when the account was created: mid-day, never at midnight.
    const start = new Date("2026-03-10T09:30:00.000Z");
    const end = addMonth(start);
    const next = addMonth(end);
    await periodAt(org.id, start, end);

    await meter(db, org.id, "ingested_events", 1, start);
    await meter(db, org.id, "ingested_events", 2, new Date(end.getTime() - MS));
    await meter(db, org.id, "ingested_events", 4, end); // not closed yet: the next period's first instant
    await meter(db, org.id, "ingested_events", 8, new Date(next.getTime() + MS)); // the one after that

    expect(await ingested(org.id, start)).toBe(3);
    expect(await ingested(org.id, end)).toBe(4);
    expect(await ingested(org.id, next)).toBe(8);
    // The billing screen's chart and totals read the same counts, including the boundary days.
    const days = await dailyUsage(db, org.id, start, end);
    expect(days.reduce((sum, day) => sum + day.counts.ingested_events, 0)).toBe(3);
    expect(days.find((day) => day.day === "2026-04-10")?.counts.ingested_events).toBe(2);

    // Closing issues what the screen showed; the next periods keep their own counts, nothing twice.
    expect((await upcomingInvoice(db, org.id)).lines.at(-1)?.quantity).toBe(3);
    await closePeriod(db, org.id, new Date(next.getTime() + MINUTE));
    await closePeriod(db, org.id, new Date(next.getTime() + MINUTE));
    expect(await invoicedEvents(org.id, 1)).toBe(3);
    expect(await invoicedEvents(org.id, 2)).toBe(4);
    expect(await ingested(org.id, next)).toBe(8);
    expect((await upcomingInvoice(db, org.id)).lines.at(-1)?.quantity).toBe(8);
  });

  it("invoices events of a period closed early the same day (test mode), and does not show them again after", async () => {
    const { org } = await createOwner();
    const start = new Date("2026-06-02T09:00:00.000Z");
    await periodAt(org.id, start, addMonth(start));
    await meter(db, org.id, "ingested_events", 2, new Date(start.getTime() + MINUTE));
    const closedAt = new Date(start.getTime() + 5 * MINUTE);
    await db.billingAccount.update({ where: { orgId: org.id }, data: { periodEnd: closedAt } });

    const invoice = await closePeriod(db, org.id, closedAt);

    expect(invoice?.number).toBe(1);
    expect(await invoicedEvents(org.id, 1)).toBe(2);
    const stored = (await findInvoice(db, org.id, 1))!;
    expect(stored.lines[0].description).toMatch(/\(5 minutes of 5 minutes\)|, 2026-06-02 to 2026-06-02$/);
    expect(await ingested(org.id, closedAt)).toBe(0);
    expect((await upcomingInvoice(db, org.id)).lines.at(-1)).toMatchObject({ quantity: 0 });
  });

  it("counts an API request made after the period ended but before it was closed in the next period", async () => {
    const owner = await createOwner();
    const { org } = owner;
    const { key } = await createTestKey(db, owner, org, { name: "late", scopes: ["org.read"] });
    const end = new Date(Date.now() - MINUTE);
    const start = new Date(end.getTime() - 30 * 86_400_000);
    await periodAt(org.id, start, end);

    expect((await callApi(getMe, "/me", { key })).status).toBe(200);

    expect((await usageInPeriod(db, org.id, start)).api_requests).toBe(0);
    expect((await usageInPeriod(db, org.id, end)).api_requests).toBe(1);
  });

  it.runIf(isPostgres())(
    "makes a close wait for a transaction metering into its period, never missing its count",
    async () => {
      const { org } = await createOwner();
      const end = new Date(Date.now() - MINUTE);
      const start = new Date(end.getTime() - 30 * 86_400_000);
      await periodAt(org.id, start, end);

      let releaseMeter!: () => void;
      const held = new Promise<void>((resolve) => (releaseMeter = resolve));
      let metered!: () => void;
      const didMeter = new Promise<void>((resolve) => (metered = resolve));
      const metering = db.$transaction(async (tx) => {
        await meter(tx, org.id, "ingested_events", 5, new Date(end.getTime() - MS));
        metered();
        await held;
      });
      await didMeter;
      const closing = closePeriod(db, org.id);
      // The close is blocked on the metering transaction's share lock of the billing account.
      for (;;) {
        const [{ waiting }] = await db.$queryRaw<{ waiting: number }[]>`
        SELECT count(*)::int AS waiting FROM pg_stat_activity
         WHERE wait_event_type = 'Lock' AND query LIKE '%billing_accounts%FOR UPDATE%'`;
        if (waiting > 0) break;
      }
      releaseMeter();
      await metering;
      await closing;

      expect(await invoicedEvents(org.id, 1)).toBe(5);
      expect(await ingested(org.id, end)).toBe(0);
    },
  );
});
