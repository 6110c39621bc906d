"use client";

import { useId, useState, useTransition } from "react";
import { buttonStyles, Dialog, DialogActions } from "@/components/ui/dialog";
import { FieldErrors, inputStyles } from "@/components/ui/field-errors";
import { FormError } from "@/components/ui/form-field";
import type { RecoverFailedAction } from "./types";

type Props = {
  orgSlug: string;
  endpointId: string;
  endpointEnabled: boolean;
  recoverAction: RecoverFailedAction;
  onRecovered: (count: number) => void;
  onClose: () => void;
};

/** A datetime-local value (the viewer's local time), one day ago. */
function localInputValue(date: Date): string {
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/**
 * After an outage of the receiver: every delivery that gave up since a time goes back in the queue,
 * with its own webhook-id (receivers deduplicate) and a fresh set of attempts.
 */
export function RecoverFailedDialog({
  orgSlug,
  endpointId,
  endpointEnabled,
  recoverAction,
  onRecovered,
  onClose,
}: Props) {
  const id = useId();
  const [since, setSince] = useState(() => localInputValue(new Date(Date.now() - 24 * 3600_000)));
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string[] | undefined>(undefined);
  const [recovered, setRecovered] = useState<number | null>(null);
  const [pending, startTransition] = useTransition();
  const sinceDate = since ? new Date(since) : null;
  const valid = sinceDate !== null && Number.isFinite(sinceDate.getTime());

  function submit(event: React.FormEvent) {
    event.preventDefault();
    setError(null);
    setFieldError(undefined);
    if (!valid) return setFieldError(["Pick a date and time."]);
    startTransition(async () => {
      const result = await recoverAction(orgSlug, { endpointId, since: sinceDate.toISOString() });
      if (!result.ok) {
        setError(result.error);
        setFieldError(result.fieldErrors?.since);
        return;
      }
      setRecovered(result.data.recovered);
      onRecovered(result.data.recovered);
    });
  }

  return (
    <Dialog title="Recover failed deliveries" onClose={onClose}>
      {recovered === null ? (
        <form method="post" onSubmit={submit} noValidate className="space-y-4">
          <p className="text-sm text-slate-700">
            Every delivery to this endpoint that failed and was created since the time below is queued again: same
            webhook-id, attempts from scratch. Fix the receiver first.
          </p>
          {endpointEnabled ? null : (
            <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
              This endpoint is disabled: recovered deliveries wait in the queue until you enable it.
            </p>
          )}
          <FormError message={error} />
          <div className="space-y-1">
            <label htmlFor={`${id}-since`} className="block text-sm font-medium text-slate-700">
              Failed since (your local time)
            </label>
            <input
              id={`${id}-since`}
              type="datetime-local"
              value={since}
              onChange={(event) => setSince(event.target.value)}
              aria-invalid={fieldError?.length ? true : undefined}
              aria-describedby={fieldError?.length ? `${id}-since-error` : undefined}
              className={`${inputStyles} max-w-xs`}
            />
            {valid ? (
              <p className="text-xs text-slate-500">{sinceDate.toISOString().replace("T", " ").slice(0, 16)} UTC</p>
            ) : null}
            <FieldErrors id={`${id}-since-error`} errors={fieldError} />
          </div>
          <DialogActions
            onCancel={onClose}
            label="Queue failed deliveries again"
            pendingLabel="Queuing…"
            pending={pending}
          />
        </form>
      ) : (
        <div className="space-y-4">
          <p role="status" className="text-sm text-slate-700">
            {recovered === 0
              ? "No failed deliveries since then: nothing was queued."
              : `${recovered} failed ${recovered === 1 ? "delivery was" : "deliveries were"} queued again.`}
          </p>
          <div className="flex justify-end border-t border-slate-100 pt-4">
            <button type="button" autoFocus onClick={onClose} className={buttonStyles.primary}>
              Done
            </button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
