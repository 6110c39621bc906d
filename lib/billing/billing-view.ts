import type { InvoiceLine } from "./invoice-lines";
import type { PlanId, PlanLimits } from "./plans";

/**
 * What the billing screen receives from the billing services, safe to name in a client component
 * (the services themselves are server-only).
 */
export const USAGE_METRICS = ["ingested_events", "api_requests", "webhook_deliveries"] as const;
export type UsageMetric = (typeof USAGE_METRICS)[number];
export type UsageDays = { day: string; counts: Record<UsageMetric, number> }[];

export type PaymentMethodView = { brand: string; last4: string; expMonth: number; expYear: number; addedAt: string };

export type BillingSummary = {
  plan: { id: PlanId; name: string; seatPriceCents: number; limits: PlanLimits };
  seats: { purchased: number; used: number };
  period: { start: string; end: string };
  cancelAtPeriodEnd: boolean;
  paymentMethod: PaymentMethodView | null;
  provider: string;
};

export type UpcomingInvoice = { periodStart: string; periodEnd: string; lines: InvoiceLine[]; totalCents: number };

export type InvoiceView = {
  id: string;
  number: number;
  periodStart: string;
  periodEnd: string;
  currency: string;
  lines: InvoiceLine[];
  totalCents: number;
  status: string;
  issuedAt: string;
  paidAt: string | null;
};
