"use client";

import { RevealSecretDialog } from "@/components/ui/reveal-secret-dialog";

type Props = {
  /** The full key, held only in memory for as long as this dialog is open: never in the URL, storage or a log. */
  secret: string;
  name: string;
  /** After a roll: until when the old key keeps working. */
  note?: React.ReactNode;
  onDone: () => void;
};

/** The one time a key is shown: copy it now, it cannot be shown again (Verity keeps only its hash). */
export function KeyRevealDialog({ secret, name, note, onDone }: Props) {
  return (
    <RevealSecretDialog
      title={`Your new key for ${name}`}
      label="API key"
      secret={secret}
      warning={
        <>
          Copy this key now and store it in your secret manager. <strong>It will not be shown again</strong>: Verity
          keeps only a hash of it.
        </>
      }
      note={note}
      testId="revealed-key"
      onDone={onDone}
    />
  );
}
