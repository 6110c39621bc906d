"use client";

import { RevealSecretDialog } from "@/components/ui/reveal-secret-dialog";

export type CopiedLink = { invitationId: string; email: string; link: string; expiresAt: Date };

const utc = (date: Date) => `${new Date(date).toISOString().replace("T", " ").slice(0, 16)} UTC`;

/** A freshly minted invitation link, shown once to its inviter: it joins the organization, so it is a secret. */
export function CopiedInvitationLink({ copied, onClose }: { copied: CopiedLink; onClose: () => void }) {
  return (
    <RevealSecretDialog
      title={`Invitation link for ${copied.email}`}
      label="Invitation link"
      secret={copied.link}
      testId="invitation-link"
      warning={
        <>
          Anyone with this link can join as the invited person: send it to {copied.email} only, over a channel you
          trust. It is shown once; any earlier link for this invitation has stopped working.
        </>
      }
      note={`It works once, until ${utc(copied.expiresAt)}.`}
      onDone={onClose}
    />
  );
}
