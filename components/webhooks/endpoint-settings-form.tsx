"use client";

import { useId, useState, useTransition } from "react";
import { buttonStyles } from "@/components/ui/dialog";
import { errorsByField } from "@/components/ui/field-errors";
import { FormError } from "@/components/ui/form-field";
import type { TWebhookEndpointView } from "@/lib/webhooks/schemas";
import { EndpointFields } from "./endpoint-fields";
import { checkFilter, EventFilterFields, filterValueOf, NOTHING_PICKED, type EventFilterValue } from "./event-filter-fields";
import type { UpdateEndpointAction } from "./types";

type Props = { orgSlug: string; endpoint: TWebhookEndpointView; updateAction: UpdateEndpointAction; onSaved: (endpoint: TWebhookEndpointView) => void };

/** Edits where an endpoint's events go and which ones; only what changed is recorded in the audit trail. */
export function EndpointSettingsForm({ orgSlug, endpoint, updateAction, onSaved }: Props) {
  const id = useId();
  const [url, setUrl] = useState(endpoint.url);
  const [description, setDescription] = useState(endpoint.description);
  const [filter, setFilter] = useState<EventFilterValue>(() => filterValueOf(endpoint));
  const [submitted, setSubmitted] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string[]>>({});
  const [pending, startTransition] = useTransition();
  const checked = checkFilter(filter);
  const filterProblems = submitted && checked.problems.includes(NOTHING_PICKED) ? [NOTHING_PICKED] : [];

  function submit(event: React.FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    setSaved(false);
    setError(null);
    setServerErrors({});
    if (checked.problems.length) return setError("Check the highlighted fields.");
    startTransition(async () => {
      const result = await updateAction(orgSlug, { endpointId: endpoint.id, url, description, categories: checked.categories, actions: checked.actions });
      if (!result.ok) {
        // A refusal about one field (the SSRF guard on the URL) is shown on that field, not twice.
        const fields = errorsByField(result.fieldErrors);
        setError(Object.keys(fields).some((field) => field !== "_") ? "Check the highlighted fields." : result.error);
        setServerErrors(fields);
        return;
      }
      setSaved(true);
      setUrl(result.data.url);
      onSaved(result.data);
    });
  }

  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-4 rounded-lg border border-slate-200 bg-white p-5">
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        Endpoint settings
      </h2>
      <form method="post" onSubmit={submit} noValidate className="space-y-5" aria-label="Endpoint settings">
        <FormError message={error} />
        <EndpointFields id={id} url={url} description={description} onUrl={setUrl} onDescription={setDescription} errors={serverErrors} />
        <EventFilterFields value={filter} onChange={setFilter} actionErrors={[...filterProblems, ...(serverErrors.actions ?? [])]} categoryErrors={serverErrors.categories} />
        <div className="flex items-center justify-end gap-3">
          <p aria-live="polite" className="text-sm text-emerald-800">
            {saved ? "Saved." : null}
          </p>
          <button type="submit" disabled={pending} className={buttonStyles.primary}>
            {pending ? "Saving…" : "Save changes"}
          </button>
        </div>
      </form>
    </section>
  );
}
