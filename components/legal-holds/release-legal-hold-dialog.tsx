"use client";

import { useId, useState, useTransition } from "react";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { FieldErrors, inputStyles } from "@/components/ui/field-errors";
import { FormError } from "@/components/ui/form-field";
import type { TLegalHoldView } from "@/lib/lifecycle/legal-hold-schemas";
import { count, type LegalHoldAction } from "./legal-hold-format";

type Props = {
  orgSlug: string;
  hold: TLegalHoldView;
  releaseAction: LegalHoldAction;
  onReleased: (hold: TLegalHoldView) => void;
  onClose: () => void;
};

/**
 * Names the hold and what releasing it lets go, and asks why: the dialog opens on the reason (the first field),
 * and a release without one is refused on the field, so no stray Enter releases a hold.
 */
export function ReleaseLegalHoldDialog({ orgSlug, hold, releaseAction, onReleased, onClose }: Props) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string[]>>({});
  const [pending, startTransition] = useTransition();
  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get("reason") ?? "");
    startTransition(async () => {
      const result = await releaseAction(orgSlug, { holdId: hold.id, reason });
      if (result.ok) return onReleased(result.data);
      setError(result.error);
      setFields(result.fieldErrors ?? {});
    });
  };
  return (
    <Dialog title="Release legal hold" onClose={onClose}>
      <form method="post" onSubmit={submit} noValidate className="space-y-4" aria-label="Release legal hold">
        <p className="text-sm text-slate-700">
          Release <span className="font-medium">{hold.name}</span>? Its {count(hold.coveredEntries)} covered entries,
          and the people it covers, may then be purged at the end of retention or erased on request, unless another hold
          covers them. The hold stays on record, released. This cannot be undone.
        </p>
        <FormError message={error} />
        <div className="space-y-1 text-sm">
          <label htmlFor={`${id}-reason`} className="block font-medium text-slate-700">
            Reason for releasing
          </label>
          <textarea
            id={`${id}-reason`}
            name="reason"
            rows={2}
            className={inputStyles}
            aria-invalid={fields.reason?.length ? true : undefined}
            aria-describedby={fields.reason?.length ? `${id}-reason-error` : undefined}
          />
          <FieldErrors id={`${id}-reason-error`} errors={fields.reason} />
        </div>
        <DialogActions
          onCancel={onClose}
          label="Release hold"
          pendingLabel="Releasing…"
          pending={pending}
          tone="danger"
        />
      </form>
    </Dialog>
  );
}
