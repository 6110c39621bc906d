import { BillingCard } from "./card";
import { day, period } from "./format";
import { InvoiceLinesTable } from "./invoice-lines-table";
import type { UpcomingInvoice } from "./types";

/** What the current period would cost if it ended today with today's seats and usage so far. */
export function UpcomingInvoiceCard({ upcoming }: { upcoming: UpcomingInvoice }) {
  return (
    <BillingCard title="Upcoming invoice (estimate)" id="upcoming-invoice">
      <p className="mb-3 text-sm text-slate-600">
        For {period(upcoming.periodStart, upcoming.periodEnd)}, issued on {day(upcoming.periodEnd)}. It changes with
        plan, seat and usage changes until then.
      </p>
      <InvoiceLinesTable
        lines={upcoming.lines}
        totalCents={upcoming.totalCents}
        caption="Upcoming invoice estimate"
        totalLabel="Estimated total"
      />
    </BillingCard>
  );
}
