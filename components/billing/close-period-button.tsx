"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { buttonStyles } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/form-field";
import type { BillingAction } from "./format";

/** Test mode (the local provider) only: ends the period now so its invoice can be seen without waiting a month. */
export function ClosePeriodButton({
  orgSlug,
  closeAction,
}: {
  orgSlug: string;
  closeAction: BillingAction<{ invoiceNumbers: number[] }>;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const close = () =>
    startTransition(async () => {
      setError(null);
      setMessage(null);
      const result = await closeAction(orgSlug, {});
      if (!result.ok) return setError(result.error);
      const numbers = result.data.invoiceNumbers;
      setMessage(numbers.length ? `Period closed: invoice ${numbers.join(", ")} issued.` : "Period closed.");
      router.refresh();
    });

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-3">
        <button type="button" disabled={pending} onClick={close} className={buttonStyles.secondary}>
          {pending ? "Closing…" : "Close period now (test mode)"}
        </button>
        <p role="status" className="text-sm text-emerald-800">
          {message}
        </p>
      </div>
      <p className="text-xs text-slate-500">
        Ends the current period now and issues its invoice, as the monthly close would. Only with the local test
        provider.
      </p>
      <FormError message={error} />
    </div>
  );
}
