"use client";

import { useRouter } from "next/navigation";
import { useEffect, useId, useState, useTransition } from "react";
import { utc } from "@/components/api-keys/format";
import { ProgressBar } from "@/components/audit/progress-bar";
import { buttonStyles, Dialog, DialogActions } from "@/components/ui/dialog";
import { inputStyles } from "@/components/ui/field-errors";
import { FormError } from "@/components/ui/form-field";
import type { TRedactionJobView } from "@/lib/recordings/views/recording-view-schemas";
import type { StartBulkRedactionAction } from "./recording-format";

type Props = {
  orgSlug: string;
  jobs: TRedactionJobView[];
  total: number;
  startAction: StartBulkRedactionAction;
};

const POLL_MS = 2000;

function jobText(job: TRedactionJobView) {
  const done = `${job.done.toLocaleString("en-US")} of ${job.total.toLocaleString("en-US")} done`;
  const failed = job.failed ? `, ${job.failed.toLocaleString("en-US")} failed and locked` : "";
  const state = { queued: "Queued", running: "Running", finished: "Finished", failed: "Stopped" }[job.status];
  return `${state}: ${done}${failed}`;
}

/**
 * The bulk re-redaction of the organization's recordings (new detector versions, new patterns): starts after a
 * confirmation, shows done/total while the worker goes on (the screen refreshes itself), and resumes where it left
 * off after a crash (the job keeps its cursor), so starting it again is never needed to finish one.
 */
export function BulkRedaction({ orgSlug, jobs, total, startAction }: Props) {
  const router = useRouter();
  const id = useId();
  const [confirming, setConfirming] = useState(false);
  const [since, setSince] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const active = jobs.find((job) => job.status === "queued" || job.status === "running");
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [active, router]);
  const start = () =>
    startTransition(async () => {
      setError(null);
      const result = await startAction(orgSlug, since ? { since: `${since}T00:00:00.000Z` } : {});
      if (!result.ok) return setError(result.error);
      setConfirming(false);
      router.refresh();
    });
  const [latest] = jobs;
  return (
    <section aria-labelledby={`${id}-title`} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id={`${id}-title`} className="text-base font-semibold text-slate-900">
            Bulk re-redaction
          </h2>
          <p className="max-w-prose text-sm text-slate-600">
            Runs the three layers again over recordings already stored, with today&apos;s detectors and patterns. A
            recording that fails validation is locked. An interrupted run resumes where it stopped.
          </p>
        </div>
        <button
          type="button"
          className={buttonStyles.secondary}
          disabled={Boolean(active) || total === 0}
          onClick={() => setConfirming(true)}
        >
          Re-redact recordings…
        </button>
      </div>
      {latest ? (
        <div data-testid="bulk-redaction-job" data-status={latest.status}>
          <ProgressBar
            label="Bulk re-redaction progress"
            value={latest.done + latest.failed}
            max={latest.total || null}
            text={jobText(latest)}
          />
          <p className="mt-1 text-xs text-slate-500">
            Started <time dateTime={latest.createdAt}>{utc(latest.createdAt)}</time> by {latest.requestedBy}
            {latest.since ? `, recordings uploaded since ${latest.since.slice(0, 10)}` : ""}
            {latest.finishedAt ? `; ended ${utc(latest.finishedAt)}` : ""}
          </p>
        </div>
      ) : (
        <p className="text-sm text-slate-500">No bulk re-redaction has run yet.</p>
      )}
      {confirming ? (
        <Dialog title="Re-redact recordings" onClose={() => setConfirming(false)}>
          <div className="space-y-4 text-sm">
            <p className="text-slate-700">
              Re-run redaction over {since ? "the recordings uploaded since the date below" : `all ${total} recordings`}
              ? Each one is replaced by its newly redacted audio and transcript and validated again; a failure locks it.
            </p>
            <div className="space-y-1">
              <label htmlFor={`${id}-since`} className="block font-medium text-slate-700">
                Only recordings uploaded since (optional)
              </label>
              <input
                id={`${id}-since`}
                type="date"
                value={since}
                onChange={(event) => setSince(event.target.value)}
                className={inputStyles}
              />
            </div>
            <FormError message={error} />
            <DialogActions
              onCancel={() => setConfirming(false)}
              focusCancel
              label="Start re-redaction"
              pendingLabel="Starting…"
              pending={pending}
              onConfirm={start}
            />
          </div>
        </Dialog>
      ) : null}
    </section>
  );
}
