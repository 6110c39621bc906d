"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { buttonStyles, Dialog, DialogActions } from "@/components/ui/dialog";
import type { ActionFailure } from "@/lib/http/action-result";
import { BillingActionError } from "./action-error";
import { day, type BillingAction } from "./format";

type Props = { orgSlug: string; planName: string; periodEnd: string; cancelAction: BillingAction };

/** Cancelling is confirmed, and says plainly that the plan runs to the end of the period already paid for. */
export function CancelSubscription({ orgSlug, planName, periodEnd, cancelAction }: Props) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const [pending, startTransition] = useTransition();

  const cancel = () =>
    startTransition(async () => {
      setFailure(null);
      const result = await cancelAction(orgSlug, {});
      if (!result.ok) return setFailure(result);
      setConfirming(false);
      router.refresh();
    });

  return (
    <>
      <button
        type="button"
        onClick={() => {
          setFailure(null);
          setConfirming(true);
        }}
        className={buttonStyles.secondary}
      >
        Cancel subscription
      </button>
      {confirming ? (
        <Dialog title={`Cancel the ${planName} plan?`} onClose={() => setConfirming(false)}>
          <div className="space-y-4">
            <p className="text-sm text-slate-700">
              The {planName} plan stays until the end of the current period, on{" "}
              <span className="font-medium">{day(periodEnd)}</span>. Then the organization moves to Free, with its
              limits. Changing the plan before then undoes the cancellation.
            </p>
            <BillingActionError orgSlug={orgSlug} failure={failure} />
            <DialogActions
              onCancel={() => setConfirming(false)}
              cancelLabel={`Keep ${planName}`}
              focusCancel
              label="Cancel at period end"
              pendingLabel="Cancelling…"
              pending={pending}
              tone="danger"
              onConfirm={cancel}
            />
          </div>
        </Dialog>
      ) : null}
    </>
  );
}
