"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/form-field";
import { GracePeriodFieldset } from "@/components/ui/grace-period-fieldset";
import { WEBHOOK_LIMITS, type TWebhookEndpointView } from "@/lib/webhooks/schemas";
import type { RotateSecretAction } from "./types";

type Props = {
  orgSlug: string;
  endpointId: string;
  rotateAction: RotateSecretAction;
  /** Where to confirm it's you: rotating hands out a new secret, so it needs a recent step-up, like revealing. */
  stepUpHref: string;
  onRotated: (rotated: { secret: string; endpoint: TWebhookEndpointView; graceHours: number; at: Date }) => void;
  onClose: () => void;
};

/** A new signing secret; during the grace period every delivery is signed with the old and the new one, so receivers switch over without dropping events. */
export function RotateSecretDialog({ orgSlug, endpointId, rotateAction, stepUpHref, onRotated, onClose }: Props) {
  const [graceHours, setGraceHours] = useState<number>(WEBHOOK_LIMITS.defaultGraceHours);
  const [error, setError] = useState<string | null>(null);
  const [needsStepUp, setNeedsStepUp] = useState(false);
  const [pending, startTransition] = useTransition();

  function rotate(event: React.FormEvent) {
    event.preventDefault();
    setError(null);
    startTransition(async () => {
      const result = await rotateAction(orgSlug, { endpointId, graceHours });
      setNeedsStepUp(!result.ok && result.code === "step_up_required");
      if (!result.ok) return setError(result.fieldErrors?.graceHours?.join(" ") ?? result.error);
      onRotated({ ...result.data, graceHours, at: new Date() });
    });
  }

  return (
    <Dialog title="Rotate the signing secret?" onClose={onClose}>
      <form method="post" onSubmit={rotate} className="space-y-4">
        <p className="text-sm text-slate-700">
          A new secret signs every delivery from now on. Keep the old one signing too, long enough to deploy the new secret to your receiver.
        </p>
        <FormError message={error} />
        {needsStepUp ? (
          <p className="text-sm text-amber-900" data-testid="rotate-step-up-needed">
            <Link href={stepUpHref} className="font-medium underline">
              Confirm it&apos;s you
            </Link>
            , then rotate again: you will come back to this endpoint.
          </p>
        ) : null}
        <GracePeriodFieldset
          subject="secret"
          noneLabel="the old secret stops signing at once"
          recommendedHours={WEBHOOK_LIMITS.defaultGraceHours}
          value={graceHours}
          onChange={setGraceHours}
          hint="Meanwhile each delivery carries two signatures in its webhook-signature header; a receiver holding either secret accepts it."
        />
        <DialogActions onCancel={onClose} label="Rotate secret" pendingLabel="Rotating…" pending={pending} />
      </form>
    </Dialog>
  );
}
