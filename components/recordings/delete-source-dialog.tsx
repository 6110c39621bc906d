"use client";

import { useId, useState, useTransition } from "react";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { inputStyles } from "@/components/ui/field-errors";
import { FormError } from "@/components/ui/form-field";
import type { TSourceCount } from "@/lib/recordings/views/recording-view-schemas";
import type { DeleteSourceAction } from "./recording-format";

type Props = {
  orgSlug: string;
  sources: TSourceCount[];
  deleteAction: DeleteSourceAction;
  onDeleted: (source: string, deleted: number) => void;
  onClose: () => void;
};

const plural = (count: number) => `${count.toLocaleString("en-US")} recording${count === 1 ? "" : "s"}`;

/**
 * Deletes every recording of one source, after naming how many will go (audio and transcripts, from storage).
 * Cancel has the focus; a legal hold's refusal comes back from the server and is shown with its reason.
 */
export function DeleteSourceDialog({ orgSlug, sources, deleteAction, onDeleted, onClose }: Props) {
  const id = useId();
  const [source, setSource] = useState(sources[0]?.source ?? "");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const chosen = sources.find((item) => item.source === source);
  const confirm = () =>
    startTransition(async () => {
      setError(null);
      const result = await deleteAction(orgSlug, { source, expectedCount: chosen?.count ?? 0 });
      if (result.ok) onDeleted(source, result.data.deleted);
      else setError(result.error);
    });
  return (
    <Dialog title="Delete all recordings from a source" onClose={onClose}>
      <div className="space-y-4">
        <div className="space-y-1 text-sm">
          <label htmlFor={`${id}-source`} className="block font-medium text-slate-700">
            Source
          </label>
          <select
            id={`${id}-source`}
            value={source}
            onChange={(event) => setSource(event.target.value)}
            className={inputStyles}
          >
            {sources.map((item) => (
              <option key={item.source} value={item.source}>
                {item.source} ({plural(item.count)})
              </option>
            ))}
          </select>
        </div>
        <p className="text-sm text-slate-700" data-testid="delete-source-count">
          {chosen ? (
            <>
              Delete <strong>{plural(chosen.count)}</strong> from <span className="font-mono">{chosen.source}</span>?
              Their redacted audio and transcripts are removed from storage. The deletion and its count are on the
              record. This cannot be undone.
            </>
          ) : (
            "Pick a source."
          )}
        </p>
        <FormError message={error} />
        <DialogActions
          onCancel={onClose}
          focusCancel
          label={chosen ? `Delete ${plural(chosen.count)}` : "Delete"}
          pendingLabel="Deleting…"
          pending={pending}
          tone="danger"
          onConfirm={confirm}
        />
      </div>
    </Dialog>
  );
}
