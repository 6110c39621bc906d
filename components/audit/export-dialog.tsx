"use client";

import { useEffect, useId, useRef, useState } from "react";
import { buttonStyles, Dialog } from "@/components/ui/dialog";
import { Labelled } from "@/components/ui/form-field";
import { downloadExport, EXPORT_FORMATS, type ExportFormat, type ExportProgress } from "./download-export";
import { ProgressBar } from "./progress-bar";
import { checkSeqRange, type SeqField } from "./seq-range";

type State =
  | { kind: "choosing"; error: string | null }
  | { kind: "exporting"; progress: ExportProgress }
  | { kind: "done"; filename: string; entries: number; url: string };

const kilobytes = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function progressText({ entries, total, bytes }: ExportProgress): string {
  const count =
    total === null
      ? `${entries.toLocaleString()} entries`
      : `${entries.toLocaleString()} of ${total.toLocaleString()} entries`;
  return `${count} · ${kilobytes(bytes)} received`;
}

type SeqInputProps = {
  label: string;
  placeholder: string;
  field: SeqField;
  invalid: boolean;
  describedBy: string;
  onChange: (field: SeqField) => void;
};

/** A seq field as it is typed; the number field also reports text it could not read as a number. */
function SeqInput({ label, placeholder, field, invalid, describedBy, onChange }: SeqInputProps) {
  const id = useId();
  return (
    <Labelled htmlFor={id} label={label}>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={1}
        step={1}
        value={field.value}
        placeholder={placeholder}
        onChange={(event) => onChange({ value: event.target.value, badInput: event.target.validity.badInput })}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={describedBy}
        className={`w-40 rounded-md border px-3 py-1.5 tabular-nums ${invalid ? "border-red-400 bg-red-50/30" : "border-slate-300"}`}
      />
    </Labelled>
  );
}

/**
 * Exports the entries matching the current search: pick a format, watch it stream in, and the browser
 * saves it. Cancel (or Escape) aborts the request, and the server stops. A bundle takes a seq range
 * instead of the search (blank ends: the whole chain).
 */
export function ExportDialog({
  orgSlug,
  q,
  gzipByDefault,
  onClose,
}: {
  orgSlug: string;
  q: string;
  gzipByDefault: boolean;
  onClose: () => void;
}) {
  const [format, setFormat] = useState<ExportFormat>("csv");
  const [gzip, setGzip] = useState(gzipByDefault);
  const [fromSeq, setFromSeq] = useState<SeqField>({ value: "" });
  const [toSeq, setToSeq] = useState<SeqField>({ value: "" });
  const rangeErrorId = useId();
  const range = checkSeqRange(fromSeq, toSeq);
  const rangeRefused = format === "bundle" && !range.ok;
  const [state, setState] = useState<State>({ kind: "choosing", error: null });
  const controller = useRef<AbortController | null>(null);
  const saveLink = useRef<HTMLAnchorElement>(null);
  const url = state.kind === "done" ? state.url : null;

  // Leaving the dialog stops a running export and frees the file held for "Save again".
  useEffect(() => () => controller.current?.abort(), []);
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  // The link lives inside the dialog: the page behind a modal dialog is inert.
  useEffect(() => {
    if (state.kind === "done") saveLink.current?.click();
  }, [state.kind]);

  const start = async () => {
    if (!range.ok && format === "bundle") return;
    const abort = new AbortController();
    controller.current = abort;
    setState({ kind: "exporting", progress: { entries: 0, total: null, bytes: 0 } });
    try {
      const file = await downloadExport({
        orgSlug,
        q,
        format,
        gzip,
        ...(range.ok ? { range: { fromSeq: range.fromSeq, toSeq: range.toSeq } } : {}),
        signal: abort.signal,
        onProgress: (progress) => setState({ kind: "exporting", progress }),
      });
      setState({ kind: "done", filename: file.filename, entries: file.entries, url: URL.createObjectURL(file.blob) });
    } catch (error) {
      if (abort.signal.aborted) setState({ kind: "choosing", error: "Export cancelled." });
      else setState({ kind: "choosing", error: error instanceof Error ? error.message : "The export failed." });
    } finally {
      if (controller.current === abort) controller.current = null;
    }
  };

  const cancel = () => controller.current?.abort();

  return (
    <Dialog title="Export audit entries" onClose={() => (state.kind === "exporting" ? cancel() : onClose())} size="lg">
      <div className="space-y-4 text-sm">
        <p className="text-slate-600">
          {format === "bundle" ? (
            "Entries with every hash, led by a header line, oldest first: the whole chain, or the range of seqs " +
            "below. A bundle does not apply the search."
          ) : q ? (
            <>
              Entries matching <code className="rounded bg-slate-100 px-1 font-mono text-xs">{q}</code>, oldest first.
            </>
          ) : (
            "Every entry in the trail, oldest first."
          )}{" "}
          The export is recorded in the audit trail.
        </p>

        <fieldset disabled={state.kind === "exporting"} className="space-y-2">
          <legend className="mb-1 font-medium text-slate-700">Format</legend>
          <div className="grid gap-2 sm:grid-cols-2">
            {EXPORT_FORMATS.map((option) => (
              <label
                key={option.value}
                className={
                  "flex cursor-pointer gap-2 rounded-md border border-slate-200 p-2.5 " +
                  "has-checked:border-brand-600 has-checked:bg-brand-50"
                }
              >
                <input
                  type="radio"
                  name="export-format"
                  value={option.value}
                  checked={format === option.value}
                  onChange={() => setFormat(option.value)}
                  className="mt-0.5"
                />
                <span>
                  <span className="block font-medium text-slate-900">{option.label}</span>
                  <span className="block text-xs text-slate-500">{option.description}</span>
                </span>
              </label>
            ))}
          </div>
          <label className="flex items-center gap-2 pt-1">
            <input type="checkbox" checked={gzip} onChange={(event) => setGzip(event.target.checked)} />
            Compress with gzip
          </label>
        </fieldset>

        {format === "bundle" ? (
          <fieldset disabled={state.kind === "exporting"} className="space-y-2">
            <legend className="mb-1 font-medium text-slate-700">Range of the chain</legend>
            <div className="flex flex-wrap gap-4">
              <SeqInput
                label="From seq"
                placeholder="1"
                field={fromSeq}
                invalid={!range.ok && range.field === "from"}
                describedBy={rangeErrorId}
                onChange={setFromSeq}
              />
              <SeqInput
                label="To seq"
                placeholder="newest"
                field={toSeq}
                invalid={!range.ok && range.field === "to"}
                describedBy={rangeErrorId}
                onChange={setToSeq}
              />
            </div>
            <p
              id={rangeErrorId}
              aria-live="polite"
              className={range.ok ? "text-xs text-slate-500" : "text-red-700"}
              data-testid={range.ok ? undefined : "seq-range-error"}
            >
              {range.ok ? "Leave blank for the start of the chain and its newest entry." : range.message}
            </p>
          </fieldset>
        ) : null}

        <div aria-live="polite" className="space-y-2">
          {state.kind === "exporting" ? (
            <ProgressBar
              label="Export progress"
              value={state.progress.entries}
              max={state.progress.total}
              text={progressText(state.progress)}
            />
          ) : null}
          {state.kind === "choosing" && state.error ? (
            <p role="alert" className="text-red-700">
              {state.error}
            </p>
          ) : null}
          {state.kind === "done" ? (
            <p className="text-emerald-800" data-testid="export-done">
              Exported {state.entries.toLocaleString()} {state.entries === 1 ? "entry" : "entries"} to{" "}
              <a ref={saveLink} href={state.url} download={state.filename} className="font-medium underline">
                {state.filename}
              </a>
              .
            </p>
          ) : null}
        </div>

        <div className="flex justify-end gap-2">
          {state.kind === "exporting" ? (
            <button type="button" onClick={cancel} className={buttonStyles.secondary}>
              Cancel export
            </button>
          ) : (
            <>
              <button type="button" onClick={onClose} className={buttonStyles.secondary}>
                {state.kind === "done" ? "Close" : "Cancel"}
              </button>
              <button type="button" onClick={start} disabled={rangeRefused} className={buttonStyles.primary}>
                {state.kind === "done" ? "Export again" : "Export"}
              </button>
            </>
          )}
        </div>
      </div>
    </Dialog>
  );
}
