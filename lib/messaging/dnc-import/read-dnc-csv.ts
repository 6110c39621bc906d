import "server-only";
import { parse, type CsvError } from "csv-parse";
import { AppError } from "@/lib/http/app-error";
import { parsePhone } from "@/lib/messaging/phone";
import { byteChunks, type ByteSource } from "./byte-chunks";
import type { DncRejection } from "./dnc-import-report";

/** One data line of a DNC CSV: a number to add, or the reason it cannot be. */
export type DncCsvRow =
  { line: number; phoneE164: string; reason: string; source: string } | { line: number; rejected: DncRejection };

const PHONE_COLUMNS = ["phone", "phone_e164", "phone_number", "number"];
const MAX_REASON = 500;
const MAX_SOURCE = 100;
/** A record longer than this is malformed (an unclosed quote): the parser's buffer stays small whatever comes. */
const MAX_RECORD_CHARS = 4096;
// NUL and other C0 controls (tab aside), lone surrogates, and U+FFFD (bytes that were not UTF-8).
const UNSTORABLE =
  /[\u0000-\u0008\u000b-\u001f\ufffd]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function headerOf(cells: string[]): string[] {
  const names = cells.map((cell) =>
    cell
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, "_"),
  );
  const phone = names.findIndex((name) => PHONE_COLUMNS.includes(name));
  if (phone < 0) {
    const message = "The first line must name the columns: phone, and optionally reason and source.";
    throw new AppError("invalid_input", message, { csv: [message] });
  }
  return names.map((name, index) => (index === phone ? "phone" : name));
}

function rowOf(record: Record<string, string | undefined>, line: number, defaultSource: string): DncCsvRow {
  const raw = record.phone?.trim() ?? "";
  if (raw === "") return { line, rejected: "missing_phone" };
  const reason = record.reason?.trim() ?? "";
  const source = record.source?.trim() || defaultSource;
  if (UNSTORABLE.test(raw) || UNSTORABLE.test(reason) || UNSTORABLE.test(source))
    return { line, rejected: "unreadable" };
  if (reason.length > MAX_REASON || source.length > MAX_SOURCE) return { line, rejected: "too_long" };
  const phone = raw.length > 40 ? null : parsePhone(raw, "US");
  if (!phone) return { line, rejected: "invalid_phone" };
  return { line, phoneE164: phone.e164, reason, source };
}

/**
 * Reads a DNC CSV as it arrives (csv-parse fed the byte chunks), handing over its rows in batches of about
 * `batchRows` (a chunk's rows past it come along): memory holds one batch and the parser's chunk, never the file, and
 * no row crosses a stream or an async iteration of its own (csv-parse's callbacks collect them as each chunk is
 * parsed). The first line names the columns (phone, and optionally reason and source, in any order; others are
 * ignored); numbers without a country code are read as US numbers. A bad line is handed over as rejected with its line
 * number and the reading goes on; a first line without a phone column is a 400.
 */
export async function* readDncCsvBatches(
  bytes: ByteSource,
  { defaultSource = "csv_import", batchRows = 5000 }: { defaultSource?: string; batchRows?: number } = {},
): AsyncGenerator<DncCsvRow[]> {
  let rows: DncCsvRow[] = [];
  // Lines where a malformed record started (after the last good one), handed over in line order with the rows.
  const malformed: number[] = [];
  let lastEnd = 1;
  let failure: unknown = null;
  const parser = parse({
    columns: headerOf,
    relax_column_count: true,
    skip_empty_lines: true,
    bom: true,
    max_record_size: MAX_RECORD_CHARS,
    skip_records_with_error: true,
    on_record: (record: Record<string, string | undefined>, context: { lines: number }) => {
      lastEnd = context.lines;
      while (malformed.length > 0 && malformed[0]! < context.lines)
        rows.push({ line: malformed.shift()!, rejected: "malformed_csv" });
      rows.push(rowOf(record, context.lines, defaultSource));
      return null; // collected here: the parser passes nothing on
    },
  });
  parser.on("skip", (error: CsvError & { lines?: number }) => {
    malformed.push(lastEnd + 1);
    lastEnd = error.lines ?? lastEnd + 1;
  });
  parser.on("error", (error) => (failure ??= error));
  parser.resume(); // its readable side carries nothing; flowing, it never holds a write back
  const feed = (chunk: Uint8Array | null) =>
    new Promise<void>((done) => {
      const settled = (error?: Error | null) => {
        failure ??= error ?? null;
        done();
      };
      if (chunk) parser.write(chunk, settled);
      else parser.end(settled);
    });
  try {
    for await (const chunk of byteChunks(bytes)) {
      await feed(chunk);
      if (failure) throw failure;
      if (rows.length >= batchRows) {
        yield rows;
        rows = [];
      }
    }
    await feed(null);
    if (failure) throw failure;
    for (const line of malformed) rows.push({ line, rejected: "malformed_csv" });
    if (rows.length > 0) yield rows;
  } catch (error) {
    if (error instanceof AppError) throw error;
    // The header itself was unreadable, or the body stopped: nothing of this import is kept.
    if (error instanceof Error && "code" in error && String(error.code).startsWith("CSV_")) {
      throw new AppError("invalid_input", "The file is not a CSV the import can read.", { csv: [error.message] });
    }
    throw error;
  } finally {
    parser.destroy();
  }
}
