import { auditEntriesPath, errorOf } from "./audit-api";

export const EXPORT_FORMATS = [
  { value: "ndjson", label: "NDJSON", description: "One JSON entry per line" },
  { value: "csv", label: "CSV", description: "For spreadsheets; formula-safe" },
  { value: "json", label: "JSON", description: "One array of entries" },
  { value: "ocsf", label: "OCSF", description: "OCSF 1.x events, one per line, for a SIEM" },
  { value: "cef", label: "CEF", description: "ArcSight Common Event Format lines" },
  {
    value: "bundle",
    label: "Verifiable bundle",
    description: "Entries with their hashes, checkable offline with npx verity verify-export",
  },
] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number]["value"];

/** Lines before the first entry: the CSV header row, the bundle's header line. */
const LEADING_LINES: Record<ExportFormat, number> = { ndjson: 0, csv: 1, json: 0, ocsf: 0, cef: 0, bundle: 1 };

export type ExportProgress = { entries: number; total: number | null; bytes: number };
export type ExportedFile = { blob: Blob; filename: string; entries: number };

function countNewlines(chunk: Uint8Array): number {
  let count = 0;
  for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) count++;
  return count;
}

/** `attachment; filename="x.csv"; filename*=UTF-8''x.csv` → x.csv */
export function filenameFrom(disposition: string | null): string | null {
  if (!disposition) return null;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (extended) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // fall through to the plain form
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(disposition);
  return plain ? plain[1].trim() : null;
}

/** Counts entries in a stream of the export's lines (each entry ends, or for JSON starts, with a newline). */
async function countEntries(
  stream: ReadableStream<Uint8Array>,
  format: ExportFormat,
  onCount: (entries: number) => void,
): Promise<void> {
  const reader = stream.getReader();
  let newlines = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    newlines += countNewlines(value);
    onCount(Math.max(0, newlines - LEADING_LINES[format]));
  }
}

/**
 * Streams an export into memory as it arrives, reporting entries so far against the total the server
 * announced, then hands back the file. A gzip export is counted on an inflated copy of the stream.
 */
export async function downloadExport({
  orgSlug,
  q,
  format,
  gzip,
  range = { fromSeq: null, toSeq: null },
  signal,
  onProgress,
}: {
  orgSlug: string;
  q: string;
  format: ExportFormat;
  gzip: boolean;
  /** bundle only: the first and last seq; null for the chain's start or head. */
  range?: { fromSeq: string | null; toSeq: string | null };
  signal: AbortSignal;
  onProgress: (progress: ExportProgress) => void;
}): Promise<ExportedFile> {
  const params = new URLSearchParams({ format });
  if (q) params.set("q", q);
  params.set("gzip", gzip ? "1" : "0"); // said either way: absent, the organization's setting decides
  if (format === "bundle" && range.fromSeq) params.set("fromSeq", range.fromSeq);
  if (format === "bundle" && range.toSeq) params.set("toSeq", range.toSeq);
  const response = await fetch(`${auditEntriesPath(orgSlug)}/export?${params}`, { signal, cache: "no-store" });
  if (!response.ok) throw await errorOf(response);
  if (!response.body) throw new Error("The export arrived without a body.");

  const announced = Number(response.headers.get("x-verity-export-total"));
  const total = response.headers.has("x-verity-export-total") && Number.isFinite(announced) ? announced : null;
  const progress: ExportProgress = { entries: 0, total, bytes: 0 };
  const report = () =>
    onProgress({ ...progress, entries: total === null ? progress.entries : Math.min(progress.entries, total) });
  report();

  const [saved, counted] = response.body.tee();
  const inflated = gzip
    ? counted.pipeThrough(new DecompressionStream("gzip") as unknown as ReadableWritablePair<Uint8Array, Uint8Array>)
    : counted;
  // Counting is for the progress bar only: if the copy cannot be inflated, the download still completes.
  const counting = countEntries(inflated, format, (entries) => {
    progress.entries = entries;
    report();
  }).catch(() => undefined);

  const chunks: Uint8Array<ArrayBuffer>[] = [];
  const reader = saved.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    chunks.push(value as Uint8Array<ArrayBuffer>);
    progress.bytes += value.length;
    report();
  }
  await counting;
  if (total !== null) progress.entries = total;
  report();

  const extension = format === "bundle" ? "bundle.ndjson" : format === "ocsf" ? "ocsf.ndjson" : format;
  const filename =
    filenameFrom(response.headers.get("content-disposition")) ?? `audit-${orgSlug}.${extension}${gzip ? ".gz" : ""}`;
  const type = response.headers.get("content-type") ?? "application/octet-stream";
  return { blob: new Blob(chunks, { type }), filename, entries: progress.entries };
}
