"use client";

import { useId, useState, useTransition } from "react";
import { buttonStyles, Dialog } from "@/components/api-keys/dialog";
import { FormError } from "@/components/auth/form-field";
import { WEBHOOK_LIMITS, type TWebhookEndpointView } from "@/lib/webhooks/schemas";
import type { RotateSecretAction } from "./types";

const GRACE_CHOICES = [
  { hours: 0, label: "None: the old secret stops signing at once" },
  { hours: 1, label: "1 hour" },
  { hours: 24, label: "24 hours" },
  { hours: 72, label: "72 hours" },
  { hours: 168, label: "7 days" },
] as const;

type Props = {
  orgSlug: string;
  endpointId: string;
  rotateAction: RotateSecretAction;
  onRotated: (rotated: { secret: string; endpoint: TWebhookEndpointView; graceHours: number; at: Date }) => void;
  onClose: () => void;
};

/** A new signing secret; during the grace period every delivery is signed with the old and the new one, so receivers switch over without dropping events. */
export function RotateSecretDialog({ orgSlug, endpointId, rotateAction, onRotated, onClose }: Props) {
  const id = useId();
  const [graceHours, setGraceHours] = useState<number>(WEBHOOK_LIMITS.defaultGraceHours);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function rotate(event: React.FormEvent) {
    event.preventDefault();
    setError(null);
    startTransition(async () => {
      const result = await rotateAction(orgSlug, { endpointId, graceHours });
      if (!result.ok) return setError(result.fieldErrors?.graceHours?.join(" ") ?? result.error);
      onRotated({ ...result.data, graceHours, at: new Date() });
    });
  }

  return (
    <Dialog title="Rotate the signing secret?" onClose={onClose}>
      <form onSubmit={rotate} className="space-y-4">
        <p className="text-sm text-slate-700">
          A new secret signs every delivery from now on. Keep the old one signing too, long enough to deploy the new secret to your receiver.
        </p>
        <FormError message={error} />
        <fieldset className="space-y-1.5" aria-describedby={`${id}-hint`}>
          <legend className="text-sm font-medium text-slate-700">Grace period for the old secret</legend>
          {GRACE_CHOICES.map((choice) => (
            <label key={choice.hours} className="flex items-center gap-2 text-sm">
              <input type="radio" name="graceHours" value={choice.hours} checked={graceHours === choice.hours} onChange={() => setGraceHours(choice.hours)} />
              {choice.label}
              {choice.hours === WEBHOOK_LIMITS.defaultGraceHours ? <span className="text-xs text-slate-500">(recommended)</span> : null}
            </label>
          ))}
          <p id={`${id}-hint`} className="text-xs text-slate-500">
            Meanwhile each delivery carries two signatures in its webhook-signature header; a receiver holding either secret accepts it.
          </p>
        </fieldset>
        <div className="flex justify-end gap-2 border-t border-slate-100 pt-4">
          <button type="button" onClick={onClose} className={buttonStyles.secondary}>
            Cancel
          </button>
          <button type="submit" disabled={pending} className={buttonStyles.primary}>
            {pending ? "Rotating…" : "Rotate secret"}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
