"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { buttonStyles } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/form-field";
import type { ContactView } from "@/lib/messaging/panel/panel-views";
import { ActionForm, Field, optionalText, type MessagingAction } from "./action-form";
import { utcTime } from "./reason-labels";

export type ConsentActions = {
  record: MessagingAction<{ id: string }>;
  revoke: MessagingAction<{ id: string }>;
};

/** A contact's consent records, newest first, with revocation and a form to record a new one (messaging.manage). */
export function ConsentHistory({
  orgSlug,
  contact,
  actions,
}: {
  orgSlug: string;
  contact: ContactView;
  actions: ConsentActions | null;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const revoke = (consentId: string) =>
    startTransition(async () => {
      const result = await actions!.revoke(orgSlug, { contactId: contact.id, consentId });
      setError(result.ok ? null : result.error);
      if (result.ok) router.refresh();
    });
  return (
    <div className="space-y-3 bg-slate-50 p-3 text-sm" data-testid="consent-history">
      <h3 className="font-medium text-slate-800">Consent history of {contact.phoneE164}</h3>
      {contact.optedOutAt ? (
        <p className="text-red-700">
          Opted out {utcTime(contact.optedOutAt)}
          {contact.optOutChannel ? ` (${contact.optOutChannel})` : ""}: no message is sent to this number.
        </p>
      ) : null}
      <FormError message={error} />
      {contact.consents.length ? (
        <ul className="divide-y divide-slate-200 rounded-md border border-slate-200 bg-white">
          {contact.consents.map((consent) => (
            <li key={consent.id} className="flex flex-wrap items-start justify-between gap-2 px-3 py-2">
              <div className="space-y-0.5">
                <p>
                  <span className="font-medium">{consent.channel.toUpperCase()}</span> given{" "}
                  {utcTime(consent.grantedAt)} via {consent.source}
                  {consent.formId ? `, form ${consent.formId}` : ""}
                  {consent.ip ? `, from ${consent.ip}` : ""}
                </p>
                <p className="text-xs text-slate-600">Text shown: “{consent.textShown}”</p>
                {consent.revokedAt ? (
                  <p className="text-xs text-red-700">
                    Revoked {utcTime(consent.revokedAt)}
                    {consent.revokedBy ? ` by ${consent.revokedBy}` : ""}
                  </p>
                ) : null}
              </div>
              {actions && !consent.revokedAt ? (
                <button
                  type="button"
                  className={buttonStyles.secondary}
                  disabled={pending}
                  onClick={() => revoke(consent.id)}
                >
                  Revoke
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-slate-600">No consent on file: the gate blocks messages to this contact (no_consent).</p>
      )}
      {actions ? (
        <ActionForm
          orgSlug={orgSlug}
          label={`Record a consent for ${contact.phoneE164}`}
          action={actions.record}
          read={(form) => ({
            contactId: contact.id,
            source: String(form.get("source") ?? ""),
            textShown: String(form.get("textShown") ?? ""),
            formId: optionalText(form, "formId"),
          })}
          submitLabel="Record consent"
          pendingLabel="Recording…"
          onDone={() => "Consent recorded."}
          className="grid gap-2 sm:grid-cols-3"
        >
          <Field name="source" label="Where it was given" placeholder="web form" />
          <Field name="textShown" label="Text the person agreed to" />
          <Field name="formId" label="Form id (optional)" />
        </ActionForm>
      ) : null}
    </div>
  );
}
