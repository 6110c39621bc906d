import type { billingSummary } from "@/lib/billing/billing-summary";
import type { upcomingInvoice } from "@/lib/billing/invoices";
import type { dailyUsage } from "@/lib/billing/usage";

export type BillingSummary = Awaited<ReturnType<typeof billingSummary>>;
export type UpcomingInvoice = Awaited<ReturnType<typeof upcomingInvoice>>;
export type UsageDays = Awaited<ReturnType<typeof dailyUsage>>;
export type { InvoiceView } from "@/lib/billing/invoices";
export type { UsageMetric } from "@/lib/billing/usage";
