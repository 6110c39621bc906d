import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { day, money, period } from "@/components/billing/format";
import { InvoiceLinesTable } from "@/components/billing/invoice-lines-table";
import { InvoiceStatus } from "@/components/billing/invoice-status";
import { PrintButton } from "@/components/billing/print-button";
import { findInvoice } from "@/lib/billing/invoices";
import { getDb } from "@/lib/db/client";
import { loadOrgPage } from "@/lib/guard/org-page";
// Printing shows the invoice alone. A stylesheet, not an inline <style>: the Content-Security-Policy refuses those.
import "./print.css";

export const dynamic = "force-dynamic";

const ZInvoiceNumber = z.coerce.number().int().min(1).max(2_147_483_647);

export async function generateMetadata({ params }: { params: Promise<{ number: string }> }): Promise<Metadata> {
  const { number } = await params;
  return { title: `Invoice ${ZInvoiceNumber.safeParse(number).data ?? ""}`.trim() };
}

export default async function InvoicePage({ params }: { params: Promise<{ orgSlug: string; number: string }> }) {
  const { orgSlug, number: rawNumber } = await params;
  const ctx = await loadOrgPage(orgSlug, "billing.manage");
  const number = ZInvoiceNumber.safeParse(rawNumber);
  if (!number.success) notFound();
  // Looked up by the principal's org and the number together: another organization's invoice is simply not found.
  const invoice = await findInvoice(getDb(), ctx.org.id, number.data);
  if (!invoice) notFound();

  return (
    <div className="space-y-4">
      <div data-print="hide" className="flex flex-wrap items-center justify-between gap-3">
        <Link href={`/${ctx.org.slug}/billing`} className="text-sm font-medium text-brand-600 hover:underline">
          ← Billing
        </Link>
        <PrintButton />
      </div>
      <article
        data-print="sheet"
        aria-labelledby="invoice-heading"
        className="space-y-8 rounded-lg border border-slate-200 bg-white p-8"
      >
        <header className="flex flex-wrap items-start justify-between gap-6">
          <div>
            <p className="text-sm font-semibold text-slate-500">Verity</p>
            <h1 id="invoice-heading" className="text-2xl font-semibold tracking-tight">
              Invoice {invoice.number}
            </h1>
            <p className="mt-1 text-sm text-slate-700">
              Billed to <span className="font-medium">{ctx.org.name}</span>
            </p>
          </div>
          <dl className="grid grid-cols-[auto_auto] gap-x-4 gap-y-1 text-sm">
            <dt className="text-slate-500">Invoice number</dt>
            <dd className="font-medium">{invoice.number}</dd>
            <dt className="text-slate-500">Period</dt>
            <dd>{period(invoice.periodStart, invoice.periodEnd)}</dd>
            <dt className="text-slate-500">Issued</dt>
            <dd>{day(invoice.issuedAt)}</dd>
            <dt className="text-slate-500">Status</dt>
            <dd>
              <InvoiceStatus status={invoice.status} />
              {invoice.paidAt ? <span className="ml-2 text-slate-600">on {day(invoice.paidAt)}</span> : null}
            </dd>
          </dl>
        </header>
        <InvoiceLinesTable
          lines={invoice.lines}
          totalCents={invoice.totalCents}
          currency={invoice.currency}
          caption={`Line items of invoice ${invoice.number}`}
        />
        <p className="text-xs text-slate-500">
          Amounts in {invoice.currency.toUpperCase()}. {invoice.status === "paid" ? "Paid" : "Total due"}:{" "}
          {money(invoice.totalCents, invoice.currency)}. An issued invoice never changes.
        </p>
      </article>
    </div>
  );
}
