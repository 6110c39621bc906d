"use client";

import { ArchivedThrough } from "./archived-through";
import { PendingEntries } from "./pending-entries";
import { CheckedCheckpoint } from "./checked-checkpoint";
import { useEffect, useRef, useState } from "react";
import { runVerification, type VerifyProgress, type VerifyResult } from "./audit-api";
import { ProgressBar } from "./progress-bar";

export type VerificationState =
  | { kind: "idle" }
  | { kind: "running"; progress: VerifyProgress | null }
  | { kind: "done"; result: VerifyResult }
  | { kind: "failed"; message: string };

/**
 * Runs chain verification from the screen and follows its progress stream; `onDone` runs once it has a
 * result (the verification signed a checkpoint first: the screen reloads what shows the latest one).
 */
export function useChainVerification(orgSlug: string, onDone?: () => void) {
  const [state, setState] = useState<VerificationState>({ kind: "idle" });
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);

  const run = async () => {
    const abort = new AbortController();
    controller.current = abort;
    setState({ kind: "running", progress: null });
    try {
      const result = await runVerification(
        orgSlug,
        (progress) => setState({ kind: "running", progress }),
        abort.signal,
      );
      setState({ kind: "done", result });
      onDone?.();
    } catch (error) {
      if (!abort.signal.aborted)
        setState({ kind: "failed", message: error instanceof Error ? error.message : "Verification failed." });
    }
  };
  return { state, run, dismiss: () => setState({ kind: "idle" }) };
}

/** Progress while the chain is checked, then the verdict; a break links to the first bad entry. */
export function ChainVerificationStatus({
  state,
  onOpenEntry,
  onDismiss,
}: {
  state: VerificationState;
  onOpenEntry: (seq: string) => void;
  onDismiss: () => void;
}) {
  if (state.kind === "idle") return null;
  const frame = (tone: string, children: React.ReactNode) => (
    <div className={`flex items-start justify-between gap-4 rounded-lg border p-3 text-sm ${tone}`}>
      <div className="min-w-0 flex-1">{children}</div>
      {state.kind === "running" ? null : (
        <button
          type="button"
          onClick={onDismiss}
          className="shrink-0 text-xs text-slate-500 hover:text-slate-800"
          aria-label="Dismiss the verification result"
        >
          Dismiss
        </button>
      )}
    </div>
  );

  if (state.kind === "running") {
    const progress = state.progress;
    return frame(
      "border-slate-200 bg-white",
      <ProgressBar
        label="Verification progress"
        value={progress?.checked ?? 0}
        max={progress?.total ?? null}
        text={
          progress
            ? `Checking the chain: ${progress.checked.toLocaleString()} of ${progress.total.toLocaleString()} entries`
            : "Starting verification…"
        }
      />,
    );
  }
  if (state.kind === "failed") {
    return frame(
      "border-red-200 bg-red-50",
      <p role="alert" className="text-red-700">
        {state.message}
      </p>,
    );
  }
  const { result } = state;
  if (result.ok) {
    return frame(
      "border-emerald-200 bg-emerald-50",
      <>
        <p className="font-medium text-emerald-800" data-testid="verify-result">
          Intact: {result.checked.toLocaleString()} {result.checked === 1 ? "entry" : "entries"} verified
          {result.headSeq ? <span className="font-normal text-emerald-700"> (head #{result.headSeq})</span> : null}
        </p>
        <CheckedCheckpoint checkpoint={result.checkpoint} className="text-emerald-700" />
        <ArchivedThrough seq={result.archivedThrough} archive={result.archive} className="text-emerald-700" />
        <PendingEntries count={result.pending} className="text-emerald-700" />
      </>,
    );
  }
  const bad = result.firstBad;
  return frame(
    "border-red-200 bg-red-50",
    <div className="space-y-1" data-testid="verify-result">
      <p className="font-medium text-red-800">
        {bad ? `Broken at seq ${bad.seq} (${bad.kind}): ${bad.detail}` : "Broken: the chain does not verify."}
      </p>
      <CheckedCheckpoint checkpoint={result.checkpoint} intact={false} className="text-red-700" />
      <ArchivedThrough seq={result.archivedThrough} archive={result.archive} className="text-red-700" />
      <PendingEntries count={result.pending} className="text-red-700" />
      <p className="text-red-700">
        {result.checked.toLocaleString()} {result.checked === 1 ? "entry" : "entries"} checked.{" "}
        {bad && bad.kind !== "checkpoint" && bad.kind !== "archive" ? (
          <button type="button" onClick={() => onOpenEntry(bad.seq)} className="font-medium underline">
            Open entry #{bad.seq}
          </button>
        ) : null}
      </p>
    </div>,
  );
}
