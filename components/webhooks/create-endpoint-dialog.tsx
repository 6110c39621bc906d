"use client";

import { useId, useState, useTransition } from "react";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { errorsByField } from "@/components/ui/field-errors";
import { FormError } from "@/components/ui/form-field";
import type { TWebhookEndpointView } from "@/lib/webhooks/schemas";
import { EndpointFields } from "./endpoint-fields";
import { checkFilter, EventFilterFields, NOTHING_PICKED, type EventFilterValue } from "./event-filter-fields";
import type { CreateEndpointAction } from "./types";

type Props = {
  orgSlug: string;
  createAction: CreateEndpointAction;
  onCreated: (created: { endpoint: TWebhookEndpointView; secret: string }) => void;
  onClose: () => void;
};

/** The create form, in a dialog: where events go, which ones, and whether sending starts now. */
export function CreateEndpointDialog({ orgSlug, createAction, onCreated, onClose }: Props) {
  const id = useId();
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [filter, setFilter] = useState<EventFilterValue>({ mode: "all", categories: [], actionsText: "" });
  const [enabled, setEnabled] = useState(true);
  const [submitted, setSubmitted] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [serverErrors, setServerErrors] = useState<Record<string, string[]>>({});
  const [pending, startTransition] = useTransition();

  const checked = checkFilter(filter);
  // "Pick at least one" only after a first submit; a wrong action as soon as it is typed (the fields show those).
  const filterProblems = submitted && checked.problems.includes(NOTHING_PICKED) ? [NOTHING_PICKED] : [];

  function submit(event: React.FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    setError(null);
    setServerErrors({});
    if (checked.problems.length) return setError("Check the highlighted fields.");
    startTransition(async () => {
      const result = await createAction(orgSlug, { url, description, categories: checked.categories, actions: checked.actions, enabled });
      if (!result.ok) {
        // A refusal about one field (the SSRF guard on the URL) is shown on that field, not twice.
        const fields = errorsByField(result.fieldErrors);
        setError(Object.keys(fields).some((field) => field !== "_") ? "Check the highlighted fields." : result.error);
        setServerErrors(fields);
        return;
      }
      onCreated(result.data);
    });
  }

  return (
    <Dialog title="Add a webhook endpoint" onClose={onClose} size="lg">
      <form method="post" onSubmit={submit} noValidate className="space-y-5" aria-label="Add a webhook endpoint">
        <FormError message={error} />
        <EndpointFields id={id} url={url} description={description} onUrl={setUrl} onDescription={setDescription} errors={serverErrors} />
        <EventFilterFields value={filter} onChange={setFilter} actionErrors={[...filterProblems, ...(serverErrors.actions ?? [])]} categoryErrors={serverErrors.categories} />
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" role="switch" className="mt-0.5" checked={enabled} onChange={(event) => setEnabled(event.target.checked)} aria-describedby={`${id}-enabled-hint`} />
          <span>
            <span className="font-medium text-slate-700">Enabled</span>
            <span id={`${id}-enabled-hint`} className="block text-xs text-slate-500">
              Events recorded while an endpoint is disabled are not queued for it.
            </span>
          </span>
        </label>
        <DialogActions onCancel={onClose} label="Add endpoint" pendingLabel="Adding…" pending={pending} />
      </form>
    </Dialog>
  );
}
