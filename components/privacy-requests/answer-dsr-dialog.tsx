"use client";

import { useId, useState, useTransition } from "react";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { FieldErrors, inputStyles } from "@/components/ui/field-errors";
import { FormError } from "@/components/ui/form-field";
import type { TDsrView } from "@/lib/privacy/dsr-schemas";
import type { DsrAction } from "./dsr-format";

type Props = {
  orgSlug: string;
  request: TDsrView;
  mode: "complete" | "reject";
  action: DsrAction;
  onAnswered: (request: TDsrView) => void;
  onClose: () => void;
};

const WHAT_COMPLETION_DOES = {
  erasure:
    "Erases what this organization controls about them: their membership, the keys they created (revoked), invitations " +
    "to them, and, if no other organization has them, their account's profile, sessions, recovery codes and mail. " +
    "The audit trail is kept. It is refused while a legal hold covers them. This cannot be undone.",
  access: "Records that their data was delivered (download it from the table first). Nothing is changed.",
} as const;

/** Completing or rejecting a request, confirmed: says what completing does; a rejection needs its reason. */
export function AnswerDsrDialog({ orgSlug, request, mode, action, onAnswered, onClose }: Props) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string[]>>({});
  const [pending, startTransition] = useTransition();
  const field = mode === "reject" ? "reason" : "note";
  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = String(new FormData(event.currentTarget).get(field) ?? "");
    startTransition(async () => {
      const result = await action(orgSlug, { requestId: request.id, [field]: text });
      if (result.ok) return onAnswered(result.data);
      setError(result.error);
      setFields(result.fieldErrors ?? {});
    });
  };
  const title = mode === "reject" ? "Reject privacy request" : `Complete ${request.type} request`;
  return (
    <Dialog title={title} onClose={onClose}>
      <form method="post" onSubmit={submit} noValidate className="space-y-4" aria-label={title}>
        <p className="text-sm text-slate-700">
          {mode === "reject" ? "Reject" : "Complete"} the {request.regime} {request.type} request for{" "}
          <span className="font-medium">{request.subject}</span>?{" "}
          {mode === "reject" ? "The reason is recorded in the audit trail." : WHAT_COMPLETION_DOES[request.type]}
        </p>
        <FormError message={error} />
        <div className="space-y-1 text-sm">
          <label htmlFor={`${id}-${field}`} className="block font-medium text-slate-700">
            {mode === "reject" ? "Reason for rejecting" : "Note (optional)"}
          </label>
          <textarea
            id={`${id}-${field}`}
            name={field}
            rows={2}
            className={inputStyles}
            aria-invalid={fields[field]?.length ? true : undefined}
            aria-describedby={fields[field]?.length ? `${id}-${field}-error` : undefined}
          />
          <FieldErrors id={`${id}-${field}-error`} errors={fields[field]} />
        </div>
        <DialogActions
          onCancel={onClose}
          label={
            mode === "reject"
              ? "Reject request"
              : request.type === "erasure"
                ? "Erase and complete"
                : "Complete request"
          }
          pendingLabel={mode === "reject" ? "Rejecting…" : "Completing…"}
          pending={pending}
          tone={mode === "reject" || request.type === "erasure" ? "danger" : "primary"}
        />
      </form>
    </Dialog>
  );
}
