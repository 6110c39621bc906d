"use client";

import { useId, useState } from "react";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import type { TWebhookEndpointView } from "@/lib/webhooks/schemas";
import { EndpointFormFields, useEndpointForm } from "./endpoint-form";
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
  const [enabled, setEnabled] = useState(true);
  const form = useEndpointForm({
    initial: { url: "", description: "", filter: { mode: "all", categories: [], actionsText: "" } },
    send: (input) => createAction(orgSlug, { ...input, enabled }),
    onSent: onCreated,
  });

  return (
    <Dialog title="Add a webhook endpoint" onClose={onClose} size="lg">
      <form method="post" onSubmit={form.submit} noValidate className="space-y-5" aria-label="Add a webhook endpoint">
        <EndpointFormFields id={id} form={form} />
        <label className="flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            role="switch"
            className="mt-0.5"
            checked={enabled}
            onChange={(event) => setEnabled(event.target.checked)}
            aria-describedby={`${id}-enabled-hint`}
          />
          <span>
            <span className="font-medium text-slate-700">Enabled</span>
            <span id={`${id}-enabled-hint`} className="block text-xs text-slate-500">
              Events recorded while an endpoint is disabled are not queued for it.
            </span>
          </span>
        </label>
        <DialogActions onCancel={onClose} label="Add endpoint" pendingLabel="Adding…" pending={form.pending} />
      </form>
    </Dialog>
  );
}
