"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { buttonStyles } from "@/components/ui/dialog";
import { FieldErrors, inputStyles } from "@/components/ui/field-errors";
import { FormError } from "@/components/ui/form-field";
import { PLAN_IDS, PLANS, type PlanId } from "@/lib/billing/plans";
import { BillingCard } from "./card";
import { count, money, type BillingAction } from "./format";
import type { BillingSummary } from "./types";

const seatsInputStyles = inputStyles.replace("w-full", "w-32") + " disabled:bg-slate-50 disabled:text-slate-500";

type Props = { orgSlug: string; summary: BillingSummary; changePlanAction: BillingAction };

/** The plan picker (price per seat per month from the plans) and the seat count; the server decides, and says why when it refuses. */
export function ChangePlanForm({ orgSlug, summary, changePlanAction }: Props) {
  const id = useId();
  const router = useRouter();
  const [planId, setPlanId] = useState<PlanId>(summary.plan.id);
  const [seats, setSeats] = useState(String(summary.seats.purchased));
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [paymentRequired, setPaymentRequired] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const plan = PLANS[planId];
  const seatCount = plan.fixedSeats ?? Number(seats);
  const monthly = Number.isFinite(seatCount) && seatCount > 0 ? seatCount * plan.seatPriceCents : null;
  const needsMethod = plan.seatPriceCents > 0 && !summary.paymentMethod;

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setFieldErrors({});
    setPaymentRequired(false);
    setMessage(null);
    const input = plan.fixedSeats ? { plan: planId } : { plan: planId, seats };
    startTransition(async () => {
      const result = await changePlanAction(orgSlug, input);
      if (!result.ok) {
        // The server refuses a paid plan without a payment method on file (payment_required): say what to do next.
        if (result.code === "payment_required") setPaymentRequired(true);
        setError(result.error);
        setFieldErrors(result.fieldErrors ?? {});
        return;
      }
      setMessage(`You are on the ${plan.name} plan with ${plan.fixedSeats ?? seats} seats.`);
      router.refresh();
    });
  }

  const seatErrors = fieldErrors.seats;
  const planErrors = fieldErrors.plan;
  return (
    <BillingCard title="Change plan or seats" id="change-plan">
      <form onSubmit={submit} noValidate method="post" aria-label="Change plan or seats" className="space-y-4">
        {paymentRequired ? (
          <div
            role="alert"
            className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-inset ring-amber-300"
          >
            <p className="font-semibold">Add a payment method first</p>
            <p>
              {error}{" "}
              <a href="#payment-method" className="font-medium underline">
                Add one in Payment method
              </a>
              , then change the plan again.
            </p>
          </div>
        ) : (
          <FormError message={error && !seatErrors && !planErrors ? error : null} />
        )}
        <fieldset aria-describedby={planErrors ? `${id}-plan-error` : undefined}>
          <legend className="mb-2 text-sm font-medium text-slate-700">Plan</legend>
          <div className="grid gap-3 sm:grid-cols-3">
            {PLAN_IDS.map((option) => {
              const candidate = PLANS[option];
              return (
                <label
                  key={option}
                  className={
                    "flex cursor-pointer flex-col gap-1 rounded-md border border-slate-200 p-3 text-sm " +
                    "has-[:checked]:border-brand-600 has-[:checked]:ring-1 has-[:checked]:ring-brand-600"
                  }
                >
                  <span className="flex items-center gap-2 font-medium">
                    <input
                      type="radio"
                      name="plan"
                      value={option}
                      checked={planId === option}
                      onChange={() => setPlanId(option)}
                    />
                    {candidate.name}
                    {summary.plan.id === option ? (
                      <span className="text-xs font-normal text-slate-500">(current)</span>
                    ) : null}
                  </span>
                  <span className="text-slate-700">
                    {candidate.seatPriceCents
                      ? `${money(candidate.seatPriceCents)} per seat per month`
                      : `Free, ${candidate.fixedSeats} seats`}
                  </span>
                  <span className="text-xs text-slate-500">
                    {count(candidate.limits.ingestedEventsPerMonth)} events a month, {count(candidate.limits.apiKeys)}{" "}
                    API keys, {count(candidate.limits.webhookEndpoints)} webhook endpoints
                  </span>
                </label>
              );
            })}
          </div>
          <FieldErrors id={`${id}-plan-error`} errors={planErrors} />
        </fieldset>

        <div className="flex flex-wrap items-end gap-6">
          <div className="space-y-1">
            <label htmlFor={`${id}-seats`} className="block text-sm font-medium text-slate-700">
              Seats
            </label>
            <input
              id={`${id}-seats`}
              type="number"
              inputMode="numeric"
              min={1}
              max={plan.maxSeats}
              value={plan.fixedSeats ? String(plan.fixedSeats) : seats}
              disabled={plan.fixedSeats !== null}
              onChange={(event) => setSeats(event.target.value)}
              aria-invalid={seatErrors?.length ? true : undefined}
              aria-describedby={[`${id}-seats-hint`, seatErrors?.length ? `${id}-seats-error` : null]
                .filter(Boolean)
                .join(" ")}
              className={seatsInputStyles}
            />
            <p id={`${id}-seats-hint`} className="text-xs text-slate-500">
              {plan.fixedSeats
                ? `${plan.name} comes with ${plan.fixedSeats} seats.`
                : `1 to ${count(plan.maxSeats)}; at least one per member (${summary.seats.used} now).`}
            </p>
            <FieldErrors id={`${id}-seats-error`} errors={seatErrors} />
          </div>
          <p className="pb-6 text-sm text-slate-700" aria-live="polite">
            {monthly !== null ? (
              <>
                <span className="font-semibold tabular-nums">{money(monthly)}</span> per month
              </>
            ) : null}
          </p>
        </div>
        {needsMethod && !paymentRequired ? (
          <p className="text-xs text-slate-500">Paid plans need a payment method on file.</p>
        ) : null}

        <div className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-100 pt-4">
          <p role="status" className="text-sm text-emerald-800">
            {message}
          </p>
          <button type="submit" disabled={pending} className={buttonStyles.primary}>
            {pending ? "Saving…" : "Save plan and seats"}
          </button>
        </div>
        <p className="text-xs text-slate-500">
          A change applies at once and is prorated: each part of the period is charged at the plan and seats it had.
        </p>
      </form>
    </BillingCard>
  );
}
