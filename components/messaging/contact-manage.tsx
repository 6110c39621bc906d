"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { buttonStyles } from "@/components/ui/dialog";
import type { ContactView } from "@/lib/messaging/panel/panel-views";
import { ActionForm, Field, type MessagingAction } from "./action-form";

export type ContactManageActions = {
  update: MessagingAction<{ id: string; phone: string }>;
  remove: MessagingAction<{ deleted: true; id: string; cancelledMessages: number }>;
};

/** The text of a field, trimmed; null when emptied (an optional fact the member cleared). */
const clearable = (form: FormData, name: string) => {
  const value = String(form.get(name) ?? "").trim();
  return value === "" ? null : value;
};

/**
 * Under a contact's row (messaging.manage): its name, state, ZIP and zone to change (contact.updated), and its
 * deletion behind a confirmation that says what goes with it (contact.deleted; its pending messages cancelled).
 */
export function ContactManage({
  orgSlug,
  contact,
  actions,
}: {
  orgSlug: string;
  contact: ContactView;
  actions: ContactManageActions;
}) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="space-y-3 border-t border-slate-200 bg-slate-50 p-3 text-sm" data-testid="contact-manage">
      <h3 className="font-medium text-slate-800">Edit {contact.phoneE164}</h3>
      <ActionForm
        orgSlug={orgSlug}
        label={`Edit the contact ${contact.phoneE164}`}
        action={actions.update}
        read={(form) => ({
          id: contact.id,
          name: String(form.get("name") ?? "").trim(),
          state: clearable(form, "state")?.toUpperCase() ?? null,
          zip: clearable(form, "zip"),
          timeZone: clearable(form, "timeZone"),
        })}
        submitLabel="Save contact"
        pendingLabel="Saving…"
        onDone={(saved) => `Saved ${saved.phone}.`}
        className="grid gap-3 sm:grid-cols-4"
      >
        <Field name="name" label="Name" defaultValue={contact.name} maxLength={200} />
        <Field name="state" label="State" defaultValue={contact.state ?? ""} placeholder="FL" maxLength={2} />
        <Field name="zip" label="ZIP" defaultValue={contact.zip ?? ""} maxLength={10} />
        <Field
          name="timeZone"
          label="Time zone"
          defaultValue={contact.timeZone ?? ""}
          placeholder="derived"
          hint="An IANA zone; empty derives it from the ZIP, state or area code."
        />
      </ActionForm>
      <div>
        <button type="button" className={buttonStyles.danger} onClick={() => setConfirming(true)}>
          Delete contact
        </button>
      </div>
      {confirming ? (
        <ConfirmDialog
          title={`Delete ${contact.phoneE164}?`}
          confirmLabel="Delete the contact"
          pendingLabel="Deleting…"
          onClose={() => setConfirming(false)}
          onConfirm={async () => {
            const result = await actions.remove(orgSlug, { id: contact.id });
            if (!result.ok) return result.error;
            setConfirming(false);
            router.refresh();
            return null;
          }}
        >
          <p>
            The contact and its consent records are deleted, and its pending messages are cancelled. Without a lead the
            gate blocks every message to this number. The deletion is on the record.
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
