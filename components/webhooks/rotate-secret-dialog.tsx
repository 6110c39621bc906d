"use client";

import Link from "next/link";
import { ReplaceCredentialDialog } from "@/components/ui/replace-credential-dialog";
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

/**
 * A new signing secret; during the grace period every delivery is signed with the old and the new one, so
 * receivers switch over without dropping events.
 */
export function RotateSecretDialog({ orgSlug, endpointId, rotateAction, stepUpHref, onRotated, onClose }: Props) {
  return (
    <ReplaceCredentialDialog
      title="Rotate the signing secret?"
      intro={
        "A new secret signs every delivery from now on. Keep the old one signing too, long enough to deploy the new " +
        "secret to your receiver."
      }
      grace={{
        subject: "secret",
        noneLabel: "the old secret stops signing at once",
        recommendedHours: WEBHOOK_LIMITS.defaultGraceHours,
        hint:
          "Meanwhile each delivery carries two signatures in its webhook-signature header; a receiver holding " +
          "either secret accepts it.",
      }}
      label="Rotate secret"
      pendingLabel="Rotating…"
      replace={(graceHours) => rotateAction(orgSlug, { endpointId, graceHours })}
      onReplaced={(rotated, graceHours) => onRotated({ ...rotated, graceHours, at: new Date() })}
      afterError={(failure) =>
        failure?.code === "step_up_required" ? (
          <p className="text-sm text-amber-900" data-testid="rotate-step-up-needed">
            <Link href={stepUpHref} className="font-medium underline">
              Confirm it&apos;s you
            </Link>
            , then rotate again: you will come back to this endpoint.
          </p>
        ) : null
      }
      onClose={onClose}
    />
  );
}
