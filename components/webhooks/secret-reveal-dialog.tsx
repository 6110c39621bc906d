"use client";

import { RevealSecretDialog } from "@/components/ui/reveal-secret-dialog";

type Props = {
  /** The signing secret, held only in memory while this dialog is open: never in the URL, storage or a log. */
  secret: string;
  title: string;
  /** After a rotation: until when the old secret keeps signing. */
  note?: React.ReactNode;
  /** A freshly created or rotated secret is shown once; a revealed one can be revealed again (with step-up). */
  once: boolean;
  onDone: () => void;
};

/** Shows a whsec_… signing secret to copy into the receiver's configuration. */
export function SecretRevealDialog({ secret, title, note, once, onDone }: Props) {
  return (
    <RevealSecretDialog
      title={title}
      label="Signing secret"
      secret={secret}
      warning={
        once ? (
          <>
            Copy this secret into your receiver&apos;s configuration now. <strong>It is shown this once</strong>; later,
            an admin can reveal it again only after confirming their password.
          </>
        ) : (
          <>
            Anyone with this secret can forge events to your receiver. Keep it in your secret manager, not in code or
            chat.
          </>
        )
      }
      note={note}
      testId="revealed-secret"
      onDone={onDone}
    />
  );
}
