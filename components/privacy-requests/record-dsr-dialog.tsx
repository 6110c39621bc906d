"use client";

import { useId, useState, useTransition } from "react";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { FieldErrors, inputStyles } from "@/components/ui/field-errors";
import { FormError } from "@/components/ui/form-field";
import type { TDsrView } from "@/lib/privacy/dsr-schemas";
import type { DsrAction } from "./dsr-format";

type Props = { orgSlug: string; recordAction: DsrAction; onRecorded: (request: TDsrView) => void; onClose: () => void };

/** Recording a request: who, what, under which law, and when it arrived; the server's messages land on their fields. */
export function RecordDsrDialog({ orgSlug, recordAction, onRecorded, onClose }: Props) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string[]>>({});
  const [pending, startTransition] = useTransition();
  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "");
    const input = {
      subject: text("subject"),
      type: text("type"),
      regime: text("regime"),
      receivedAt: text("receivedAt"),
    };
    startTransition(async () => {
      const result = await recordAction(orgSlug, input);
      if (result.ok) return onRecorded(result.data);
      setError(result.error);
      setFields(result.fieldErrors ?? {});
    });
  };
  const aria = (name: string) => ({
    id: `${id}-${name}`,
    "aria-invalid": fields[name]?.length ? true : undefined,
    "aria-describedby": fields[name]?.length ? `${id}-${name}-error` : undefined,
  });
  const label = (name: string, text: string) => (
    <label htmlFor={`${id}-${name}`} className="block font-medium text-slate-700">
      {text}
    </label>
  );
  return (
    <Dialog title="Record a privacy request" onClose={onClose}>
      <form method="post" onSubmit={submit} noValidate className="space-y-4" aria-label="Record a privacy request">
        <FormError message={error} />
        <div className="space-y-1 text-sm">
          {label("subject", "The person (email address or user id)")}
          <input {...aria("subject")} name="subject" className={inputStyles} autoComplete="off" />
          <FieldErrors id={`${id}-subject-error`} errors={fields.subject} />
        </div>
        <div className="grid gap-3 sm:grid-cols-2">
          <div className="space-y-1 text-sm">
            {label("type", "Request")}
            <select {...aria("type")} name="type" className={inputStyles} defaultValue="access">
              <option value="access">Access (a copy of their data)</option>
              <option value="erasure">Erasure</option>
            </select>
            <FieldErrors id={`${id}-type-error`} errors={fields.type} />
          </div>
          <div className="space-y-1 text-sm">
            {label("regime", "Law")}
            <select {...aria("regime")} name="regime" className={inputStyles} defaultValue="GDPR">
              <option value="GDPR">GDPR (30 days)</option>
              <option value="CCPA">CCPA (45 days)</option>
            </select>
            <FieldErrors id={`${id}-regime-error`} errors={fields.regime} />
          </div>
        </div>
        <div className="space-y-1 text-sm">
          {label("receivedAt", "Received on (UTC day; empty: today)")}
          <input {...aria("receivedAt")} type="date" name="receivedAt" className={inputStyles} />
          <FieldErrors id={`${id}-receivedAt-error`} errors={fields.receivedAt} />
        </div>
        <DialogActions onCancel={onClose} label="Record request" pendingLabel="Recording…" pending={pending} />
      </form>
    </Dialog>
  );
}
