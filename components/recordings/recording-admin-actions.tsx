"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { buttonStyles } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/form-field";
import type { DestroyRecordingAction, RetryRedactionAction } from "./recording-format";

type Props = {
  orgSlug: string;
  recordingId: string;
  title: string;
  status: string;
  retentionDays: number;
  retryAction: RetryRedactionAction;
  destroyAction: DestroyRecordingAction;
};

/**
 * An admin's way out of a locked recording: run the redaction again (it stays locked until it validates), or
 * destroy the recording with its objects after a confirmation. Both are on the record; a legal hold refuses the
 * destruction and the reason is shown.
 */
export function RecordingAdminActions(props: Props) {
  const { orgSlug, recordingId, title, status, retentionDays, retryAction, destroyAction } = props;
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const retry = () =>
    startTransition(async () => {
      setError(null);
      const result = await retryAction(orgSlug, { recordingId });
      if (!result.ok) return setError(result.error);
      router.refresh();
    });
  const destroy = async () => {
    const result = await destroyAction(orgSlug, { recordingId });
    if (!result.ok) return result.error;
    router.push(`/${orgSlug}/recordings`);
    return null;
  };
  return (
    <div className="space-y-3">
      {status === "failed" ? (
        <p className="text-sm text-slate-700">
          The unredacted original is kept, locked, until you act. Unless a legal hold covers it, Verity destroys it{" "}
          {retentionDays} day{retentionDays === 1 ? "" : "s"} after the failure.
        </p>
      ) : null}
      <div className="flex flex-wrap gap-3">
        {status === "failed" ? (
          <button type="button" className={buttonStyles.secondary} onClick={retry} disabled={pending}>
            {pending ? "Queuing…" : "Retry redaction"}
          </button>
        ) : null}
        <button type="button" className={buttonStyles.danger} onClick={() => setConfirming(true)}>
          Destroy recording
        </button>
      </div>
      <FormError message={error} />
      {confirming ? (
        <ConfirmDialog
          title="Destroy this recording?"
          confirmLabel="Destroy recording"
          pendingLabel="Destroying…"
          onConfirm={destroy}
          onClose={() => setConfirming(false)}
        >
          <p>
            Destroy <strong>{title}</strong>? Its audio and transcript are destroyed in storage and its validation
            reports are removed. The destruction is on the record. This cannot be undone.
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
