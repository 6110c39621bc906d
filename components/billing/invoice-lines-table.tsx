import { count, money } from "./format";
import type { InvoiceView } from "./types";

/** Line items and the total, shared by the upcoming estimate and the printable invoice. */
export function InvoiceLinesTable({
  lines,
  totalCents,
  currency = "usd",
  caption,
  totalLabel = "Total",
}: {
  lines: InvoiceView["lines"];
  totalCents: number;
  currency?: string;
  caption: string;
  totalLabel?: string;
}) {
  return (
    <table className="w-full text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500">
          <th scope="col" className="py-2 pr-4 font-medium">
            Description
          </th>
          <th scope="col" className="py-2 pr-4 text-right font-medium">
            Quantity
          </th>
          <th scope="col" className="py-2 pr-4 text-right font-medium">
            Unit price
          </th>
          <th scope="col" className="py-2 text-right font-medium">
            Amount
          </th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line, index) => (
          <tr key={index} className="border-b border-slate-100" data-testid="invoice-line">
            <td className="py-2 pr-4">{line.description}</td>
            <td className="py-2 pr-4 text-right tabular-nums">{count(line.quantity)}</td>
            <td className="py-2 pr-4 text-right tabular-nums">{money(line.unitAmountCents, currency)}</td>
            <td className="py-2 text-right tabular-nums">{money(line.amountCents, currency)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colSpan={3} className="py-3 pr-4 text-right font-semibold">
            {totalLabel}
          </th>
          <td className="py-3 text-right text-base font-semibold tabular-nums" data-testid="invoice-total">
            {money(totalCents, currency)}
          </td>
        </tr>
      </tfoot>
    </table>
  );
}
