export type { BillingSummary, InvoiceView, UpcomingInvoice, UsageDays, UsageMetric } from "@/lib/billing/billing-view";
