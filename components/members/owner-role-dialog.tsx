"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { buttonStyles, Dialog } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/form-field";
import type { ActionFailure } from "@/lib/http/action-result";
import { OWNER_POWERS } from "./owner-powers";
import { StepUpNeeded } from "./step-up-needed";

type Props = {
  orgSlug: string;
  /** "grant": make someone an owner; "revoke": take the role away; "invite": invite someone as an owner. */
  kind: "grant" | "revoke" | "invite";
  /** The member's name or the invitee's address. */
  who: string;
  /** For "revoke": the role they keep. */
  newRole?: string;
  /** Whether this session confirmed its password in the last five minutes, as the page loaded. */
  steppedUp: boolean;
  /** Runs the change; resolves to the refusal to show, or null when done. */
  onConfirm: () => Promise<Pick<ActionFailure, "code" | "error"> | null>;
  onClose: () => void;
};

const TEXT = {
  grant: {
    title: (who: string) => `Make ${who} an owner?`,
    lead: "As an owner they can, besides everything an admin can:",
    confirm: "Make owner",
  },
  revoke: {
    title: (who: string) => `Take the Owner role from ${who}?`,
    lead: "They will no longer be able to:",
    confirm: "Remove Owner role",
  },
  invite: {
    title: (who: string) => `Invite ${who} as an owner?`,
    lead: "Once they accept, they can, besides everything an admin can:",
    confirm: "Invite as owner",
  },
} as const;

/**
 * The question before granting, removing or inviting an Owner, saying what the role allows (read from
 * the permission matrix). The server also wants a recent step-up: without one, the dialog offers it.
 */
export function OwnerRoleDialog({ orgSlug, kind, who, newRole, steppedUp, onConfirm, onClose }: Props) {
  const text = TEXT[kind];
  const [failure, setFailure] = useState<Pick<ActionFailure, "code" | "error"> | null>(null);
  const [pending, startTransition] = useTransition();
  const needsStepUp = !steppedUp || failure?.code === "step_up_required";
  const confirm = () =>
    startTransition(async () => {
      setFailure(null);
      setFailure(await onConfirm());
    });

  return (
    <Dialog title={text.title(who)} onClose={onClose}>
      <div className="space-y-4 text-sm text-slate-700">
        <p>{text.lead}</p>
        <ul className="list-disc space-y-1 pl-5" aria-label="What an owner can do">
          {OWNER_POWERS.map((power) => (
            <li key={power}>{power}</li>
          ))}
        </ul>
        {kind === "revoke" ? (
          <p>They keep what the {newRole?.toLowerCase()} role allows.</p>
        ) : (
          <p className="font-medium">That includes removing you.</p>
        )}
        {needsStepUp ? (
          <StepUpNeeded
            orgSlug={orgSlug}
            what={kind === "invite" ? "Inviting an owner" : "Granting or removing the Owner role"}
          />
        ) : (
          <FormError message={failure?.error ?? null} />
        )}
        <div className="flex justify-end gap-2 border-t border-slate-100 pt-4">
          <button type="button" onClick={onClose} className={buttonStyles.secondary}>
            Cancel
          </button>
          {needsStepUp ? null : (
            <button type="button" disabled={pending} onClick={confirm} className={buttonStyles.danger}>
              {pending ? "Saving…" : text.confirm}
            </button>
          )}
        </div>
        {/* After the buttons: opening the dialog focuses its first control, which should be Cancel or the step-up link. */}
        <p className="text-xs">
          <Link href={`/${orgSlug}/roles`} className="text-brand-600 underline">
            Every role&apos;s permissions
          </Link>
        </p>
      </div>
    </Dialog>
  );
}
