"use client";

import { useId, useState } from "react";
import { buttonStyles } from "@/components/ui/dialog";
import type { TWebhookEndpointView } from "@/lib/webhooks/schemas";
import { EndpointFormFields, useEndpointForm } from "./endpoint-form";
import { filterValueOf } from "./event-filter-fields";
import type { UpdateEndpointAction } from "./types";

type Props = {
  orgSlug: string;
  endpoint: TWebhookEndpointView;
  updateAction: UpdateEndpointAction;
  onSaved: (endpoint: TWebhookEndpointView) => void;
};

/** Edits where an endpoint's events go and which ones; only what changed is recorded in the audit trail. */
export function EndpointSettingsForm({ orgSlug, endpoint, updateAction, onSaved }: Props) {
  const id = useId();
  const [saved, setSaved] = useState(false);
  const form = useEndpointForm({
    initial: { url: endpoint.url, description: endpoint.description, filter: filterValueOf(endpoint) },
    send: (input) => updateAction(orgSlug, { endpointId: endpoint.id, ...input }),
    onSent: (updated) => {
      setSaved(true);
      form.setUrl(updated.url);
      onSaved(updated);
    },
  });
  const submit = (event: React.FormEvent) => {
    setSaved(false);
    form.submit(event);
  };

  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-4 rounded-lg border border-slate-200 bg-white p-5">
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        Endpoint settings
      </h2>
      <form method="post" onSubmit={submit} noValidate className="space-y-5" aria-label="Endpoint settings">
        <EndpointFormFields id={id} form={form} />
        <div className="flex items-center justify-end gap-3">
          <p aria-live="polite" className="text-sm text-emerald-800">
            {saved ? "Saved." : null}
          </p>
          <button type="submit" disabled={form.pending} className={buttonStyles.primary}>
            {form.pending ? "Saving…" : "Save changes"}
          </button>
        </div>
      </form>
    </section>
  );
}
