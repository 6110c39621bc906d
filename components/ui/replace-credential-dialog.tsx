"use client";

import { useState, useTransition } from "react";
import type { ActionFailure, ActionResult } from "@/lib/http/action-result";
import { Dialog, DialogActions } from "./dialog";
import { FormError } from "./form-field";
import { GracePeriodFieldset } from "./grace-period-fieldset";

type Props<T> = {
  title: string;
  /** What replacing does, above the choice of grace period. */
  intro: React.ReactNode;
  grace: { subject: string; noneLabel: string; recommendedHours: number; hint: React.ReactNode };
  label: string;
  pendingLabel: string;
  replace: (graceHours: number) => Promise<ActionResult<T>>;
  onReplaced: (data: T, graceHours: number) => void;
  /** What to show under the error for a failure (e.g. a step-up link); null for nothing. */
  afterError?: (failure: ActionFailure | null) => React.ReactNode;
  onClose: () => void;
};

/**
 * Replaces a credential (an API key, a signing secret) with a new one; the old one keeps working for the
 * chosen grace period while deployments switch over.
 */
export function ReplaceCredentialDialog<T>(props: Props<T>) {
  const { title, intro, grace, label, pendingLabel, replace, onReplaced, afterError, onClose } = props;
  const [graceHours, setGraceHours] = useState<number>(grace.recommendedHours);
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const [pending, startTransition] = useTransition();

  function submit(event: React.FormEvent) {
    event.preventDefault();
    setFailure(null);
    startTransition(async () => {
      const result = await replace(graceHours);
      if (!result.ok) return setFailure(result);
      onReplaced(result.data, graceHours);
    });
  }

  return (
    <Dialog title={title} onClose={onClose}>
      <form method="post" onSubmit={submit} className="space-y-4">
        <p className="text-sm text-slate-700">{intro}</p>
        <FormError message={failure ? (failure.fieldErrors?.graceHours?.join(" ") ?? failure.error) : null} />
        {afterError?.(failure)}
        <GracePeriodFieldset {...grace} value={graceHours} onChange={setGraceHours} />
        <DialogActions onCancel={onClose} label={label} pendingLabel={pendingLabel} pending={pending} />
      </form>
    </Dialog>
  );
}
