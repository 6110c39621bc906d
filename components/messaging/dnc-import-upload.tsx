"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { readLines } from "@/components/audit/audit-api";
import { ProgressBar } from "@/components/audit/progress-bar";
import { buttonStyles } from "@/components/ui/dialog";
import {
  describeRejection,
  type DncImportReport,
  type DncImportStreamLine,
} from "@/lib/messaging/dnc-import/dnc-import-report";

type State =
  | { kind: "idle" }
  | { kind: "reading"; rows: number }
  | { kind: "done"; report: DncImportReport; fileName: string }
  | { kind: "failed"; message: string };

/** The problem+json detail of a refused upload, or a sentence about its status. */
async function refusalOf(response: Response): Promise<string> {
  const body = (await response.json().catch(() => null)) as { detail?: unknown } | null;
  return typeof body?.detail === "string" ? body.detail : `The server answered ${response.status}.`;
}

/**
 * Uploads a CSV to the DNC list: the file goes up as it is (text/csv, never read whole by the browser or the
 * server), and the server's NDJSON lines show the rows processed as they are written; then the report, bad lines
 * by number.
 */
export function DncImportUpload({ orgSlug }: { orgSlug: string }) {
  const id = useId();
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<State>({ kind: "idle" });

  const upload = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const file = input.current?.files?.[0];
    if (!file) return setState({ kind: "failed", message: "Choose a CSV file first." });
    setState({ kind: "reading", rows: 0 });
    try {
      const query = new URLSearchParams({ fileName: file.name.slice(0, 200) });
      const response = await fetch(`/api/orgs/${orgSlug}/messaging/dnc/import?${query}`, {
        method: "POST",
        headers: { "content-type": "text/csv", accept: "application/x-ndjson" },
        body: file,
        cache: "no-store",
      });
      if (!response.ok || !response.body) return setState({ kind: "failed", message: await refusalOf(response) });
      let finished = false;
      await readLines(response.body, (text) => {
        const line = JSON.parse(text) as DncImportStreamLine;
        if (line.type === "progress") setState({ kind: "reading", rows: line.rows });
        else if (line.type === "done") {
          finished = true;
          setState({ kind: "done", report: line.report, fileName: file.name });
        } else {
          finished = true;
          setState({ kind: "failed", message: line.detail });
        }
      });
      if (!finished)
        setState({ kind: "failed", message: "The import stopped before its end; nothing of it was kept." });
      router.refresh();
    } catch {
      setState({ kind: "failed", message: "The upload failed (the connection was lost); nothing of it was kept." });
    }
  };

  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id={`${id}-heading`} className="text-base font-semibold text-slate-900">
        Import a CSV
      </h2>
      <p className="text-sm text-slate-600">
        The first line names the columns: <code>phone</code>, and optionally <code>reason</code> and <code>source</code>
        . Numbers without a country code are read as US numbers. Good rows are kept, bad ones are reported by line;
        numbers already on the list are counted, not added twice. Up to 2,000,000 rows.
      </p>
      <form method="post" onSubmit={upload} aria-label="Import a CSV" className="flex flex-wrap items-end gap-3">
        <div className="space-y-1 text-sm">
          <label htmlFor={`${id}-file`} className="block font-medium text-slate-700">
            CSV file
          </label>
          <input id={`${id}-file`} ref={input} type="file" name="file" accept=".csv,text/csv" className="text-sm" />
        </div>
        <button type="submit" className={buttonStyles.primary} disabled={state.kind === "reading"}>
          {state.kind === "reading" ? "Importing…" : "Import"}
        </button>
      </form>
      {state.kind === "reading" ? (
        <ProgressBar
          label="Importing the Do Not Contact list"
          value={state.rows}
          max={null}
          text={`${state.rows.toLocaleString("en-US")} rows processed`}
        />
      ) : null}
      {state.kind === "failed" ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {state.message}
        </p>
      ) : null}
      {state.kind === "done" ? <ImportReport report={state.report} fileName={state.fileName} /> : null}
    </section>
  );
}

function ImportReport({ report, fileName }: { report: DncImportReport; fileName: string }) {
  const n = (value: number) => value.toLocaleString("en-US");
  return (
    <div role="status" className="space-y-2 text-sm" data-testid="dnc-import-report">
      <p className="text-emerald-800">
        Imported {fileName}: {n(report.rows)} rows read, {n(report.added)} added, {n(report.duplicates)} already on the
        list, {n(report.rejected)} rejected
        {report.cancelledMessages ? `; ${n(report.cancelledMessages)} scheduled messages cancelled` : ""}.
      </p>
      {report.errors.length ? (
        <div>
          <p className="font-medium text-slate-800">
            Lines not imported{report.errorsTruncated ? ` (the first ${report.errors.length})` : ""}:
          </p>
          <ul className="mt-1 max-h-48 list-disc overflow-auto pl-5 text-slate-700" data-testid="dnc-import-errors">
            {report.errors.map((error) => (
              <li key={error.line}>
                Line {error.line}: {describeRejection(error.code)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
