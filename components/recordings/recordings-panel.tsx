"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { buttonStyles } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { StatusMessage, type Status } from "@/components/ui/status-message";
import type {
  TRecordingFilters,
  TRecordingRow,
  TRedactionJobView,
  TSourceCount,
} from "@/lib/recordings/views/recording-view-schemas";
import { BulkRedaction } from "./bulk-redaction";
import { DeleteSourceDialog } from "./delete-source-dialog";
import type { DeleteSourceAction, StartBulkRedactionAction } from "./recording-format";
import { RecordingFilters } from "./recording-filters";
import { RecordingsTable } from "./recordings-table";

type Props = {
  orgSlug: string;
  recordings: TRecordingRow[];
  truncated: boolean;
  filters: TRecordingFilters;
  sources: TSourceCount[];
  canUpload: boolean;
  /** Null for those who may not manage recordings: no deletion by source, no bulk re-redaction. */
  manage: { deleteSource: DeleteSourceAction; startBulk: StartBulkRedactionAction; jobs: TRedactionJobView[] } | null;
};

/** The recordings screen: filters, the table (or what recordings are, when there are none), and the managers' tools. */
export function RecordingsPanel({ orgSlug, recordings, truncated, filters, sources, canUpload, manage }: Props) {
  const router = useRouter();
  const [deleting, setDeleting] = useState(false);
  const [status, setStatus] = useState<Status>(null);
  const total = sources.reduce((sum, item) => sum + item.count, 0);
  const filtered = Boolean(filters.status || filters.source);
  const upload = canUpload ? (
    <Link href={`/${orgSlug}/recordings/new`} className={buttonStyles.primary}>
      Upload a recording
    </Link>
  ) : null;
  return (
    <div className="space-y-4">
      <StatusMessage status={status} />
      {total === 0 ? (
        <EmptyState testId="recordings-empty">
          <h2 className="text-base font-semibold text-slate-900">No recordings yet</h2>
          <p className="mx-auto mt-1 max-w-prose">
            Upload a call (WAV audio with its transcript) and Verity removes card numbers, security codes and expiry
            dates from both, in three independent layers, before anyone can play it.
            {canUpload ? "" : " Members, admins and owners upload recordings."}
          </p>
          {upload ? <div className="mt-4">{upload}</div> : null}
        </EmptyState>
      ) : (
        <>
          <div className="flex flex-wrap items-end justify-between gap-3">
            <RecordingFilters orgSlug={orgSlug} filters={filters} sources={sources} />
            <div className="flex gap-2">
              {manage ? (
                <button type="button" className={buttonStyles.secondary} onClick={() => setDeleting(true)}>
                  Delete all from source…
                </button>
              ) : null}
              {upload}
            </div>
          </div>
          {recordings.length ? (
            <RecordingsTable orgSlug={orgSlug} recordings={recordings} />
          ) : (
            <EmptyState testId="recordings-none-match">
              No recordings match {filtered ? "these filters" : "yet"}.
            </EmptyState>
          )}
          {truncated ? (
            <p className="text-xs text-slate-500">Showing the newest 500; filter by source or status to see others.</p>
          ) : null}
        </>
      )}
      {manage ? (
        <BulkRedaction orgSlug={orgSlug} jobs={manage.jobs} total={total} startAction={manage.startBulk} />
      ) : null}
      {deleting && manage ? (
        <DeleteSourceDialog
          orgSlug={orgSlug}
          sources={sources}
          deleteAction={manage.deleteSource}
          onClose={() => setDeleting(false)}
          onDeleted={(source, deleted) => {
            setDeleting(false);
            setStatus({ ok: true, text: `Deleted ${deleted} recording${deleted === 1 ? "" : "s"} from ${source}.` });
            router.refresh();
          }}
        />
      ) : null}
    </div>
  );
}
