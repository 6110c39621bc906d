"use client";

import { useEffect, useRef, useState } from "react";
import { buttonStyles } from "@/components/ui/dialog";
import type { TAuditEntryView } from "@/lib/audit/audit-entry-view";
import type { ArchiveSearchLine } from "@/lib/lifecycle/archive/archive-search-line";
import type { ArchivedRangeView } from "@/lib/lifecycle/archive/archived-range-view";
import { utcMinute } from "./archive-reach";
import { auditEntriesPath, errorOf, readLines } from "./audit-api";
import { AuditEntriesTable } from "./audit-entries-table";
import { ProgressBar } from "./progress-bar";

type Done = Extract<ArchiveSearchLine, { type: "done" }>;
type State =
  | { kind: "offered" }
  | { kind: "reading"; read: number; total: number | null; entries: TAuditEntryView[] }
  | { kind: "done"; done: Done; entries: TAuditEntryView[] }
  | { kind: "failed"; message: string; entries: TAuditEntryView[] };

/** Streams the archive search (app/api/orgs/[orgSlug]/audit-entries/archive), line by line. */
async function streamArchiveSearch(
  orgSlug: string,
  q: string,
  onLine: (line: ArchiveSearchLine) => void,
  signal: AbortSignal,
) {
  const response = await fetch(`${auditEntriesPath(orgSlug)}/archive?${new URLSearchParams({ q })}`, {
    signal,
    headers: { accept: "application/x-ndjson" },
    cache: "no-store",
  });
  if (!response.ok || !response.body) throw await errorOf(response);
  await readLines(response.body, (line) => onLine(JSON.parse(line) as ArchiveSearchLine));
}

/**
 * Where a search's dates reach into the archive: says so and offers to include it; once asked, reads the archived
 * segments on the server one at a time (progress: segments read of all), and lists the matches as the trail lists
 * its entries, under a heading that says they come from the archive. An entry opens below the table, whole.
 */
export function ArchiveSearch({ orgSlug, q, archived }: { orgSlug: string; q: string; archived: ArchivedRangeView }) {
  const [state, setState] = useState<State>({ kind: "offered" });
  const [open, setOpen] = useState<string | null>(null);
  const controller = useRef<AbortController | null>(null);
  // A new search is a new offer: what was read for the old one does not answer it.
  useEffect(() => {
    setState({ kind: "offered" });
    setOpen(null);
    return () => controller.current?.abort();
  }, [q]);

  const run = () => {
    const abort = new AbortController();
    controller.current = abort;
    let entries: TAuditEntryView[] = [];
    let progress = { read: 0, total: null as number | null };
    setState({ kind: "reading", ...progress, entries });
    streamArchiveSearch(
      orgSlug,
      q,
      (line) => {
        if (line.type === "progress") progress = { read: line.segmentsRead, total: line.segmentsTotal };
        if (line.type === "entries") entries = [...entries, ...line.entries];
        if (line.type === "error") setState({ kind: "failed", message: line.detail, entries });
        else if (line.type === "done") setState({ kind: "done", done: line, entries });
        else setState({ kind: "reading", ...progress, entries });
      },
      abort.signal,
    ).catch((error: unknown) => {
      if (!abort.signal.aborted)
        setState({
          kind: "failed",
          message: error instanceof Error ? error.message : "The archive could not be read.",
          entries,
        });
    });
  };

  const before = archived.firstHotAt ? `before ${utcMinute(archived.firstHotAt)}` : `1–${archived.throughSeq}`;
  const entries = state.kind === "offered" ? [] : state.entries;
  const opened = entries.find((entry) => entry.seq === open);
  return (
    <section
      aria-label="Archived entries matching the search"
      className="space-y-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900"
      data-testid="search-reaches-archive"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p>
          Your date range reaches into the archive: entries {before} are not in the database
          {state.kind === "offered" ? "." : ", so they are read from the archive's segments."}
        </p>
        {state.kind === "offered" || state.kind === "done" || state.kind === "failed" ? (
          <button type="button" onClick={run} className={buttonStyles.secondary}>
            {state.kind === "offered" ? "Include the archive" : "Search the archive again"}
          </button>
        ) : null}
      </div>
      {state.kind === "reading" ? (
        <ProgressBar
          label="Reading the archive"
          value={state.read}
          max={state.total}
          text={
            state.total === null ? "Opening the archive…" : `Read ${state.read} of ${state.total} archived segments`
          }
        />
      ) : null}
      {state.kind === "done" ? (
        <p data-testid="archive-search-done">
          {state.done.matched} archived {state.done.matched === 1 ? "entry matches" : "entries match"}, from{" "}
          {state.done.segmentsRead} of {state.done.segmentsTotal} segments
          {state.done.truncated
            ? " (the first matches, newest first: narrow the search or export it for all of them)"
            : ""}
          {state.done.purged ? `; ${state.done.purged} segment(s) were purged at the end of retention` : ""}.
        </p>
      ) : null}
      {state.kind === "failed" ? (
        <p role="alert" className="text-red-800">
          {state.message}
        </p>
      ) : null}
      {entries.length ? (
        <div className="space-y-2 text-slate-900">
          <h2 className="font-medium text-amber-900">From the archive</h2>
          <AuditEntriesTable
            entries={entries}
            openSeq={open}
            onOpen={(seq) => setOpen(seq === open ? null : seq)}
            rowTestId="archived-row"
          />
          {opened ? (
            <pre
              className="max-h-80 overflow-auto rounded bg-white p-3 font-mono text-xs text-slate-800"
              data-testid="archived-entry"
            >
              {JSON.stringify(opened, null, 2)}
            </pre>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
