"use client";

import { FormError } from "@/components/ui/form-field";
import { StepUpNeeded, stepUpHref } from "@/components/ui/step-up-needed";
import type { ActionFailure } from "@/lib/http/action-result";

/** Where a refused payment-details change or cancellation sends the owner to confirm it's them, and back. */
export const billingStepUpHref = (orgSlug: string) => stepUpHref(`/${orgSlug}/billing`);

/**
 * A billing action's refusal. Changing payment details and cancelling need a recent step-up: when the
 * server answers step_up_required, the owner gets a way to confirm it's them instead of a dead end.
 */
export function BillingActionError({
  orgSlug,
  failure,
}: {
  orgSlug: string;
  failure: Pick<ActionFailure, "code" | "error"> | null;
}) {
  if (!failure) return null;
  if (failure.code !== "step_up_required") return <FormError message={failure.error} />;
  return (
    <StepUpNeeded
      what="Changing payment details or cancelling"
      href={billingStepUpHref(orgSlug)}
      afterwards="you will come back to Billing to try again"
    />
  );
}
