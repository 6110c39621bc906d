import "server-only";
import { z } from "zod";
import { appendAuditEntry, SYSTEM_ACTOR } from "@/lib/audit/append-audit-entry";
import type { Target } from "@/lib/context";
import type { Db, Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { InvoiceView, UpcomingInvoice } from "./billing-view";
import { addMonth, invoiceLines } from "./invoice-lines";
import { PLANS } from "./plans";
import { billingProvider } from "./providers";
import { usageInPeriod } from "./usage";

const ZInvoiceLines = z.array(
  z
    .object({
      description: z.string(),
      quantity: z.number(),
      unitAmountCents: z.number().int(),
      amountCents: z.number().int(),
    })
    .strict(),
);

const invoiceTarget = (orgId: string, number: number): Target => ({
  type: "invoice",
  id: `${orgId}:${number}`,
  display: `Invoice ${number}`,
});

export type IssuedInvoice = { id: string; orgId: string; number: number; totalCents: number };

type PeriodAccount = { periodStart: Date; periodEnd: Date };

/** The lines an account's current period comes to: its seats (prorated over its changes) and its usage. */
async function periodLines(client: Tx | Db, orgId: string, account: PeriodAccount) {
  const changes = await client.billingChange.findMany({
    where: { orgId, at: { lt: account.periodEnd } },
    orderBy: { at: "asc" },
  });
  const usage = await usageInPeriod(client, orgId, account.periodStart);
  return invoiceLines({
    periodStart: account.periodStart,
    periodEnd: account.periodEnd,
    changes,
    ingestedEvents: usage.ingested_events,
  });
}

/**
 * Closes an organization's billing period if it has ended: turns its seats (prorated over plan and
 * seat changes) and usage into an invoice numbered one past the last, under the account's row lock,
 * so concurrent closes issue each number once and never skip one; then opens the next period (and
 * applies a scheduled cancellation). Returns null when the period is still running.
 */
export async function closePeriod(db: Db, orgId: string, now = new Date()): Promise<IssuedInvoice | null> {
  const issued = await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT org_id FROM billing_accounts WHERE org_id = ${orgId}::uuid FOR UPDATE`;
    const account = await tx.billingAccount.findUnique({ where: { orgId } });
    if (!account || account.periodEnd > now) return null;
    const lines = await periodLines(tx, orgId, account);
    const totalCents = lines.reduce((sum, line) => sum + line.amountCents, 0);
    const number = account.lastInvoiceNumber + 1;
    const invoice = await tx.invoice.create({
      data: {
        orgId,
        number,
        periodStart: account.periodStart,
        periodEnd: account.periodEnd,
        lines: lines as unknown as Prisma.InputJsonValue,
        totalCents,
        issuedAt: now,
      },
    });
    const cancelling = account.cancelAtPeriodEnd;
    await tx.billingAccount.update({
      where: { orgId },
      data: {
        lastInvoiceNumber: number,
        periodStart: account.periodEnd,
        periodEnd: addMonth(account.periodEnd),
        ...(cancelling ? { plan: "free", seats: PLANS.free.fixedSeats!, cancelAtPeriodEnd: false } : {}),
      },
    });
    if (cancelling)
      await tx.billingChange.create({
        data: { orgId, at: account.periodEnd, plan: "free", seats: PLANS.free.fixedSeats! },
      });
    await appendAuditEntry(tx, {
      orgId,
      action: "billing.invoice_issued",
      actor: SYSTEM_ACTOR,
      target: invoiceTarget(orgId, number),
      metadata: {
        number,
        totalCents,
        currency: invoice.currency,
        periodStart: account.periodStart.toISOString(),
        periodEnd: account.periodEnd.toISOString(),
      },
    });
    return { id: invoice.id, orgId, number, totalCents, customerId: account.providerCustomerId };
  });
  if (!issued) return null;
  await collect(db, issued);
  return { id: issued.id, orgId: issued.orgId, number: issued.number, totalCents: issued.totalCents };
}

/**
 * Charges an issued invoice through the provider (outside the issuing transaction: a slow provider holds no lock)
 * and records the outcome.
 */
async function collect(db: Db, invoice: IssuedInvoice & { customerId: string | null }) {
  const method = await db.paymentMethod.findFirst({ where: { orgId: invoice.orgId, removedAt: null } });
  const outcome = await billingProvider().charge({
    orgId: invoice.orgId,
    customerId: invoice.customerId,
    paymentMethodRef: method?.providerRef ?? null,
    amountCents: invoice.totalCents,
    currency: "usd",
    invoiceNumber: invoice.number,
  });
  await recordPayment(db, invoice.orgId, invoice.number, outcome);
}

/** Records a payment outcome once (issued → paid or failed; a paid invoice stays paid). Used by collection and by provider webhooks. */
export async function recordPayment(
  db: Db,
  orgId: string,
  number: number,
  outcome: { status: "paid" | "failed"; reference: string | null; reason: string | null },
) {
  await db.$transaction(async (tx) => {
    const invoice = await tx.invoice.findUnique({ where: { orgId_number: { orgId, number } } });
    if (!invoice || invoice.status === "paid" || invoice.status === outcome.status) return;
    await tx.invoice.update({
      where: { id: invoice.id },
      data: {
        status: outcome.status,
        ...(outcome.status === "paid" ? { paidAt: new Date() } : {}),
        ...(outcome.reference ? { providerRef: outcome.reference } : {}),
      },
    });
    await appendAuditEntry(tx, {
      orgId,
      actor: SYSTEM_ACTOR,
      target: invoiceTarget(orgId, number),
      ...(outcome.status === "paid"
        ? { action: "billing.invoice_paid", metadata: { number, totalCents: invoice.totalCents } }
        : {
            action: "billing.invoice_failed",
            outcome: "failure",
            metadata: { number, totalCents: invoice.totalCents, reason: outcome.reason ?? "The payment failed." },
          }),
    });
  });
}

/** The worker's pass (and `verity billing close-period`): every account whose period has ended. */
export async function closeDuePeriods(db: Db, now = new Date()): Promise<IssuedInvoice[]> {
  const due = await db.billingAccount.findMany({
    where: { periodEnd: { lte: now }, org: { deletedAt: null } },
    select: { orgId: true },
    take: 100,
  });
  const issued: IssuedInvoice[] = [];
  for (const { orgId } of due) {
    // A long-idle account may owe several periods: close them one by one.
    for (let invoice = await closePeriod(db, orgId, now); invoice; invoice = await closePeriod(db, orgId, now))
      issued.push(invoice);
  }
  return issued;
}

export type { InvoiceView };

function invoiceView(row: {
  id: string;
  number: number;
  periodStart: Date;
  periodEnd: Date;
  currency: string;
  lines: unknown;
  totalCents: number;
  status: string;
  issuedAt: Date;
  paidAt: Date | null;
}): InvoiceView {
  return {
    id: row.id,
    number: row.number,
    periodStart: row.periodStart.toISOString(),
    periodEnd: row.periodEnd.toISOString(),
    currency: row.currency,
    lines: ZInvoiceLines.parse(row.lines),
    totalCents: row.totalCents,
    status: row.status,
    issuedAt: row.issuedAt.toISOString(),
    paidAt: row.paidAt?.toISOString() ?? null,
  };
}

export async function listInvoices(client: Tx | Db, orgId: string): Promise<InvoiceView[]> {
  return (await client.invoice.findMany({ where: { orgId }, orderBy: { number: "desc" } })).map(invoiceView);
}

export async function findInvoice(client: Tx | Db, orgId: string, number: number): Promise<InvoiceView | null> {
  const row = await client.invoice.findUnique({ where: { orgId_number: { orgId, number } } });
  return row ? invoiceView(row) : null;
}

/** The invoice the current period would produce if it ended with today's seats and usage so far. */
export async function upcomingInvoice(client: Tx | Db, orgId: string): Promise<UpcomingInvoice> {
  const account = await client.billingAccount.findUniqueOrThrow({ where: { orgId } });
  const lines = await periodLines(client, orgId, account);
  return {
    periodStart: account.periodStart.toISOString(),
    periodEnd: account.periodEnd.toISOString(),
    lines,
    totalCents: lines.reduce((sum, line) => sum + line.amountCents, 0),
  };
}
