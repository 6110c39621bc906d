"use client";

import { useState } from "react";
import type { LatestCheckpointView } from "@/lib/audit/published/checkpoint-view";

/**
 * The Download link saves the very note the panel shows (a data: URL), named as the session route
 * `/<org>/audit/checkpoint` names the latest one: a checkpoint signed since the page loaded does not replace it.
 */
export const checkpointNoteHref = (note: string) => `data:text/plain;charset=utf-8,${encodeURIComponent(note)}`;
export const checkpointFileName = (orgSlug: string, size: string) => `${orgSlug}-checkpoint-${size}.txt`;

function Item({
  label,
  testId,
  className = "",
  children,
}: {
  label: string;
  testId?: string;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <div className={`min-w-0 ${className}`}>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="font-mono text-sm break-all text-slate-900" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

/** Copies the signed note; where the clipboard is refused, says so (the Download link still works). */
function CopyNote({ note }: { note: string }) {
  const [copied, setCopied] = useState<"yes" | "refused" | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(note);
      setCopied("yes");
    } catch {
      setCopied("refused");
    }
  };
  return (
    <>
      <button
        type="button"
        onClick={copy}
        className="rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm text-slate-700 hover:bg-slate-50"
      >
        Copy signed note
      </button>
      <span role="status" className="text-xs text-slate-500">
        {copied === "yes" ? "Copied." : copied === "refused" ? "The clipboard was refused: download it instead." : null}
      </span>
    </>
  );
}

/**
 * The organization's latest signed checkpoint: what a monitor or witness holds of this log. Its root hash is
 * shown whole (to compare with what a monitor saved), its note can be copied or downloaded to check elsewhere.
 */
export function LatestCheckpoint({
  orgSlug,
  checkpoint,
}: {
  orgSlug: string;
  checkpoint: LatestCheckpointView | null;
}) {
  return (
    <section
      aria-labelledby="checkpoint-heading"
      className="rounded-lg border border-slate-200 bg-white p-4"
      data-testid="latest-checkpoint"
    >
      <h2 id="checkpoint-heading" className="text-sm font-semibold text-slate-900">
        Latest signed checkpoint
      </h2>
      {checkpoint ? (
        <>
          <dl className="mt-2 grid grid-cols-2 gap-3 sm:grid-cols-[auto_auto_auto_1fr] sm:gap-x-6">
            <Item label="Tree size" testId="checkpoint-size">
              {checkpoint.size}
            </Item>
            <Item label="Signed">
              <time dateTime={checkpoint.signedAt}>{checkpoint.signedAt.replace("T", " ").slice(0, 19)} UTC</time>
            </Item>
            <Item label="Key id" testId="checkpoint-key-id">
              {checkpoint.keyId}
            </Item>
            <Item
              label="Root hash (base64, as in the note)"
              testId="checkpoint-root"
              className="col-span-2 sm:col-span-1"
            >
              {checkpoint.rootHash}
            </Item>
          </dl>
          <div className="mt-3 flex flex-wrap items-center gap-3">
            <CopyNote note={checkpoint.note} />
            <a
              href={checkpointNoteHref(checkpoint.note)}
              download={checkpointFileName(orgSlug, checkpoint.size)}
              className="text-sm font-medium text-brand-600 hover:underline"
            >
              Download signed note (.txt)
            </a>
          </div>
        </>
      ) : (
        <p className="mt-1 text-sm text-slate-600" data-testid="no-checkpoint">
          No checkpoint signed yet. Verity signs one within seconds of new entries, and verifying the chain signs one at
          once; reload to see it.
        </p>
      )}
    </section>
  );
}
