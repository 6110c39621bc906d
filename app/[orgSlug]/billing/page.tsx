import type { Metadata } from "next";
import { CancelSubscription } from "@/components/billing/cancel-subscription";
import { ChangePlanForm } from "@/components/billing/change-plan-form";
import { ClosePeriodButton } from "@/components/billing/close-period-button";
import { CurrentPlanCard } from "@/components/billing/current-plan-card";
import { InvoiceHistory } from "@/components/billing/invoice-history";
import { PaymentMethodCard } from "@/components/billing/payment-method-card";
import { UpcomingInvoiceCard } from "@/components/billing/upcoming-invoice-card";
import { UsageCard } from "@/components/billing/usage-chart";
import { billingSummary } from "@/lib/billing/billing-summary";
import { listInvoices, upcomingInvoice } from "@/lib/billing/invoices";
import { LOCAL_TEST_TOKENS } from "@/lib/billing/providers";
import { dailyUsage, usageInPeriod } from "@/lib/billing/usage";
import { getDb } from "@/lib/db/client";
import { loadOrgPage } from "@/lib/guard/org-page";
import { StripeButtons } from "@/components/billing/stripe-buttons";
import {
  addPaymentMethodAction,
  cancelSubscriptionAction,
  changePlanAction,
  closePeriodNowAction,
  removePaymentMethodAction,
  stripeRedirectAction,
} from "./actions";

export const metadata: Metadata = { title: "Billing" };
export const dynamic = "force-dynamic";

export default async function BillingPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  // Owners only: everyone else gets the same 404 as for an organization that does not exist.
  const ctx = await loadOrgPage(orgSlug, "billing.manage");
  const orgId = ctx.org.id;
  const { summary, upcoming, invoices, totals, days } = await getDb().$transaction(async (tx) => {
    const summary = await billingSummary(tx, orgId);
    const start = new Date(summary.period.start);
    const end = new Date(summary.period.end);
    return {
      summary,
      upcoming: await upcomingInvoice(tx, orgId),
      invoices: await listInvoices(tx, orgId),
      totals: await usageInPeriod(tx, orgId, start),
      days: await dailyUsage(tx, orgId, start, end),
    };
  });
  // The local provider takes test tokens and lets a period be closed by hand; with Stripe configured, neither.
  const testMode = !process.env.STRIPE_SECRET_KEY;

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Billing</h1>
        <p className="text-sm text-slate-500">
          {ctx.org.name}&apos;s plan, seats, usage, invoices and payment method. Only owners see this page.
          {testMode
            ? " Test mode: payments go through the local test provider, and no real card is ever charged."
            : null}
        </p>
      </div>
      <CurrentPlanCard summary={summary} orgSlug={ctx.org.slug} />
      <ChangePlanForm orgSlug={ctx.org.slug} summary={summary} changePlanAction={changePlanAction} />
      <PaymentMethodCard
        orgSlug={ctx.org.slug}
        paymentMethod={summary.paymentMethod}
        testTokens={testMode ? LOCAL_TEST_TOKENS : []}
        addAction={addPaymentMethodAction}
        removeAction={removePaymentMethodAction}
      />
      {testMode ? null : (
        <StripeButtons
          orgSlug={ctx.org.slug}
          hasCustomer={summary.provider === "stripe"}
          redirectAction={stripeRedirectAction}
        />
      )}
      <UsageCard totals={totals} days={days} includedEvents={summary.plan.limits.ingestedEventsPerMonth} />
      <UpcomingInvoiceCard upcoming={upcoming} />
      <InvoiceHistory orgSlug={ctx.org.slug} invoices={invoices} />
      {summary.plan.id !== "free" && !summary.cancelAtPeriodEnd ? (
        <section aria-labelledby="cancel-heading" className="rounded-lg border border-slate-200 bg-white p-5">
          <h2 id="cancel-heading" className="text-base font-semibold">
            Cancel the subscription
          </h2>
          <p className="mb-3 mt-1 text-sm text-slate-600">
            The {summary.plan.name} plan stays until the end of the period; then the organization moves to Free.
          </p>
          <CancelSubscription
            orgSlug={ctx.org.slug}
            planName={summary.plan.name}
            periodEnd={summary.period.end}
            cancelAction={cancelSubscriptionAction}
          />
        </section>
      ) : null}
      {testMode ? (
        <section
          aria-labelledby="test-mode-heading"
          className="rounded-lg border border-dashed border-slate-300 bg-white p-5"
        >
          <h2 id="test-mode-heading" className="mb-3 text-base font-semibold">
            Test mode
          </h2>
          <ClosePeriodButton orgSlug={ctx.org.slug} closeAction={closePeriodNowAction} />
        </section>
      ) : null}
    </div>
  );
}
