"use client";

import { useEffect, useId, useRef, useState } from "react";
import { useModal } from "@/components/ui/dialog";
import { fetchAuditEntry, type AuditEntryDetail, type EntryVerificationStatus } from "./audit-api";
import { EntryInclusion } from "./entry-inclusion";
import { EntryTime, useDisplayZone, zoneName } from "./display-zone";
import { actorLabel, OutcomeBadge } from "./entry-format";

type Props = {
  orgSlug: string;
  seq: string;
  /** Opens another entry in the same drawer (the chain neighbours). */
  onNavigate: (seq: string) => void;
  onClose: () => void;
};

const VERIFICATION: Record<EntryVerificationStatus, { label: string; detail: string; style: string }> = {
  verified: {
    label: "Verified",
    detail: "Its content hash and its link to the previous entry both check out.",
    style: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  },
  content_mismatch: {
    label: "Content changed",
    detail: "The stored fields no longer hash to this entry's content hash.",
    style: "bg-red-50 text-red-700 ring-red-200",
  },
  link_mismatch: {
    label: "Link broken",
    detail: "prevHash is not the previous entry's hash, or hash is not SHA-256(prevHash ‖ contentHash).",
    style: "bg-red-50 text-red-700 ring-red-200",
  },
};

function Field({ label, children, mono = false }: { label: string; children: React.ReactNode; mono?: boolean }) {
  return (
    <div className="grid grid-cols-[8rem_1fr] gap-3 py-1.5">
      <dt className="text-slate-500">{label}</dt>
      <dd className={`min-w-0 break-words text-slate-900 ${mono ? "font-mono text-xs leading-5" : ""}`}>
        {children ?? <span className="text-slate-600">—</span>}
      </dd>
    </div>
  );
}

function EntryDetails({ detail, onNavigate }: { detail: AuditEntryDetail; onNavigate: (seq: string) => void }) {
  const { entry, previousSeq, nextSeq, verification, inclusion } = detail;
  const { zone } = useDisplayZone();
  const status = VERIFICATION[verification.status] ?? VERIFICATION.link_mismatch;
  const neighbour = (seq: string | null, label: string) =>
    seq ? (
      <button
        type="button"
        onClick={() => onNavigate(seq)}
        className="font-sans text-xs font-medium text-brand-600 hover:underline"
      >
        {label} #{seq}
      </button>
    ) : null;
  return (
    <div className="space-y-5 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <OutcomeBadge outcome={entry.outcome} />
        <span
          className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${status.style}`}
          data-testid="entry-verification"
          title={status.detail}
        >
          {status.label}
        </span>
        <span className="text-xs text-slate-500">{status.detail}</span>
      </div>

      <dl className="divide-y divide-slate-100">
        <Field label="Seq" mono>
          {entry.seq}
        </Field>
        <Field label={`Time (${zoneName(zone)})`}>
          <EntryTime iso={entry.occurredAt} />
          <span className="block font-mono text-xs text-slate-500">{entry.occurredAt}</span>
        </Field>
        <Field label="Action">{entry.action}</Field>
        <Field label="Category">{entry.category}</Field>
        <Field label="Actor">
          {actorLabel(entry)}
          <span className="block text-xs text-slate-500">
            {entry.actor.type}
            {entry.actor.id ? <span className="font-mono"> · {entry.actor.id}</span> : null}
          </span>
        </Field>
        <Field label="Target">
          {entry.target ? (
            <>
              {entry.target.display ?? entry.target.id ?? entry.target.type}
              <span className="block text-xs text-slate-500">
                {entry.target.type}
                {entry.target.id ? (
                  <span className="font-mono" data-testid="entry-target-id">
                    {" "}
                    · {entry.target.id}
                  </span>
                ) : null}
              </span>
            </>
          ) : null}
        </Field>
        <Field label="IP address" mono>
          {entry.ip}
        </Field>
        <Field label="Location">
          {entry.geo && (entry.geo.city || entry.geo.region || entry.geo.country)
            ? [entry.geo.city, entry.geo.region, entry.geo.country].filter(Boolean).join(", ")
            : null}
        </Field>
        <Field label="User agent">{entry.userAgent ? <span className="text-xs">{entry.userAgent}</span> : null}</Field>
        <Field label="Request ID" mono>
          {entry.requestId}
        </Field>
        <Field label="Entry ID" mono>
          {entry.id}
        </Field>
      </dl>

      <section aria-label="Metadata">
        <h3 className="mb-1.5 text-xs font-medium uppercase tracking-wide text-slate-500">Metadata</h3>
        <pre
          className="max-h-72 overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs leading-5 text-slate-100"
          data-testid="entry-metadata"
        >
          {JSON.stringify(entry.metadata, null, 2)}
        </pre>
      </section>

      <section aria-label="Chain">
        <h3 className="mb-1.5 text-xs font-medium uppercase tracking-wide text-slate-500">Chain</h3>
        <dl className="space-y-2">
          <div>
            <dt className="flex items-center justify-between gap-2 text-slate-500">
              prevHash {neighbour(previousSeq, "← Previous entry")}
            </dt>
            <dd className="break-all font-mono text-xs text-slate-900">{entry.prevHash}</dd>
          </div>
          <div>
            <dt className="flex items-center justify-between gap-2 text-slate-500">
              hash {neighbour(nextSeq, "Next entry →")}
            </dt>
            <dd className="break-all font-mono text-xs text-slate-900">{entry.hash}</dd>
          </div>
        </dl>
      </section>

      <EntryInclusion inclusion={inclusion} />
    </div>
  );
}

/**
 * One entry in a side drawer: a modal <dialog>, so the browser traps focus and makes the page inert;
 * Escape closes it and focus goes back to the row that opened it.
 */
/** The entry's own address (the trail with this entry open), and a button that copies it. */
function Permalink({ orgSlug, seq }: { orgSlug: string; seq: string }) {
  const [copied, setCopied] = useState(false);
  const path = `/${encodeURIComponent(orgSlug)}/audit?entry=${encodeURIComponent(seq)}`;
  return (
    <div className="flex items-center gap-3 border-b border-slate-100 px-5 py-2 text-xs">
      <a href={path} className="font-medium text-brand-600 hover:underline" data-testid="entry-permalink">
        Permalink to entry #{seq}
      </a>
      <button
        type="button"
        onClick={() =>
          navigator.clipboard?.writeText(new URL(path, window.location.origin).toString()).then(() => setCopied(true))
        }
        className="rounded border border-slate-300 px-2 py-0.5 text-slate-700 hover:bg-slate-50"
      >
        Copy link
      </button>
      <span aria-live="polite" className="text-slate-600">
        {copied ? "Link copied" : ""}
      </span>
    </div>
  );
}

export function AuditEntryDrawer({ orgSlug, seq, onNavigate, onClose }: Props) {
  const modal = useModal(onClose);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const titleId = useId();
  const [state, setState] = useState<{ seq: string; detail: AuditEntryDetail | null; error: string | null } | null>(
    null,
  );

  useEffect(() => {
    const controller = new AbortController();
    fetchAuditEntry(orgSlug, seq, controller.signal).then(
      (detail) => setState({ seq, detail, error: null }),
      (error: unknown) => {
        if (!controller.signal.aborted)
          setState({
            seq,
            detail: null,
            error: error instanceof Error ? error.message : "The entry could not be loaded.",
          });
      },
    );
    return () => controller.abort();
  }, [orgSlug, seq]);

  // Moving along the chain replaces the drawer's content: put focus back at its top.
  const shown = state?.seq === seq ? state : null;
  const modalRef = modal.ref;
  useEffect(() => {
    if (shown?.detail && document.activeElement && modalRef.current?.contains(document.activeElement) === false)
      headingRef.current?.focus();
  }, [shown, modalRef]);

  return (
    <dialog
      {...modal}
      aria-labelledby={titleId}
      onClick={(event) => {
        // A click on the backdrop (outside the panel) closes, as Escape does.
        if (event.target === event.currentTarget) onClose();
      }}
      className={
        "fixed inset-y-0 right-0 left-auto m-0 h-full max-h-none w-full max-w-xl border-l border-slate-200 " +
        "bg-white p-0 text-slate-900 shadow-2xl backdrop:bg-slate-900/30"
      }
    >
      <div className="flex h-full flex-col">
        <div className="flex items-center justify-between gap-3 border-b border-slate-200 px-5 py-3">
          <h2 id={titleId} ref={headingRef} tabIndex={-1} className="text-base font-semibold outline-none">
            Entry #{seq}
            {shown?.detail ? (
              <>
                {" "}
                <span className="ml-1 font-normal text-slate-500">{shown.detail.entry.action}</span>
              </>
            ) : null}
          </h2>
          <button
            type="button"
            onClick={onClose}
            className="rounded-md border border-slate-300 px-2.5 py-1 text-sm text-slate-700 hover:bg-slate-50"
            aria-label="Close entry"
          >
            Close
          </button>
        </div>
        <Permalink key={seq} orgSlug={orgSlug} seq={seq} />
        <div className="flex-1 overflow-y-auto px-5 py-4" aria-live="polite" aria-busy={!shown}>
          {!shown ? <p className="text-sm text-slate-500">Loading entry #{seq}…</p> : null}
          {shown?.error ? (
            <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-700">
              {shown.error}
            </p>
          ) : null}
          {shown?.detail ? <EntryDetails detail={shown.detail} onNavigate={onNavigate} /> : null}
        </div>
      </div>
    </dialog>
  );
}
