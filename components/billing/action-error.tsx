"use client";

import Link from "next/link";
import { FormError } from "@/components/ui/form-field";
import type { ActionFailure } from "@/lib/http/action-result";

/** Where a refused payment-details change or cancellation sends the owner to confirm it's them, and back. */
export const billingStepUpHref = (orgSlug: string) =>
  `/account/step-up?next=${encodeURIComponent(`/${orgSlug}/billing`)}`;

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
    <div
      role="alert"
      data-testid="step-up-needed"
      className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-inset ring-amber-300"
    >
      <p className="font-semibold">Confirm it&apos;s you first</p>
      <p>
        Changing payment details or cancelling needs your password and a code from the last five minutes.{" "}
        <Link href={billingStepUpHref(orgSlug)} className="font-medium underline">
          Confirm it&apos;s you
        </Link>
        ; you will come back to Billing to try again.
      </p>
    </div>
  );
}
