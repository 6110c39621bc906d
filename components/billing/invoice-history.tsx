import Link from "next/link";
import { TableHead } from "@/components/ui/table-head";
import { BillingCard } from "./card";
import { day, money, period } from "./format";
import { InvoiceStatus } from "./invoice-status";
import type { InvoiceView } from "./types";

/** Every issued invoice, newest first, each linking to its printable page. */
export function InvoiceHistory({ orgSlug, invoices }: { orgSlug: string; invoices: InvoiceView[] }) {
  return (
    <BillingCard title="Invoice history" id="invoices">
      {invoices.length ? (
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <caption className="sr-only">Invoices, newest first</caption>
            <TableHead
              className=""
              rowClassName="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500"
              headings={["Number", "Period", "Issued", { label: "Total", className: "text-right" }, "Status"]}
              cellClassName="py-2 pr-4 font-medium"
            />
            <tbody>
              {invoices.map((invoice) => (
                <tr key={invoice.id} className="border-b border-slate-100" data-testid="invoice-row">
                  <td className="py-2 pr-4">
                    <Link
                      href={`/${orgSlug}/billing/invoices/${invoice.number}`}
                      className="font-medium text-brand-600 hover:underline"
                    >
                      Invoice {invoice.number}
                    </Link>
                  </td>
                  <td className="py-2 pr-4">{period(invoice.periodStart, invoice.periodEnd)}</td>
                  <td className="py-2 pr-4">{day(invoice.issuedAt)}</td>
                  <td className="py-2 pr-4 text-right tabular-nums">{money(invoice.totalCents, invoice.currency)}</td>
                  <td className="py-2">
                    <InvoiceStatus status={invoice.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="text-sm text-slate-600">No invoices yet. The first one is issued when the current period ends.</p>
      )}
    </BillingCard>
  );
}
