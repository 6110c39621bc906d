import { z } from "zod";
import type { TAuditEntryView } from "@/lib/audit/audit-entry-view";
import { cefLineOf } from "./cef-format";
import { csvHeader, csvRowsOf } from "./csv-format";
import { ocsfEventOf } from "./ocsf-format";

export const AUDIT_EXPORT_FORMATS = ["ndjson", "csv", "json", "ocsf", "cef"] as const;
export const ZAuditExportFormat = z.enum(AUDIT_EXPORT_FORMATS);
export type AuditExportFormat = z.infer<typeof ZAuditExportFormat>;

/**
 * Writes entries a batch at a time, so an export never holds the whole trail: `begin`, then
 * `encode` for each batch (`written` entries came before it), then `end`.
 */
export type EntryEncoder = {
  contentType: string;
  extension: string;
  begin: () => string;
  encode: (entries: TAuditEntryView[], written: number) => string;
  end: () => string;
};

const lines = (entries: TAuditEntryView[], line: (entry: TAuditEntryView) => string) =>
  entries.map((entry) => `${line(entry)}\n`).join("");

export const ENTRY_ENCODERS: Record<AuditExportFormat, EntryEncoder> = {
  ndjson: {
    contentType: "application/x-ndjson",
    extension: "ndjson",
    begin: () => "",
    encode: (entries) => lines(entries, (entry) => JSON.stringify(entry)),
    end: () => "",
  },
  json: {
    contentType: "application/json",
    extension: "json",
    begin: () => "[",
    encode: (entries, written) =>
      entries.map((entry, i) => `${written + i === 0 ? "\n" : ",\n"}${JSON.stringify(entry)}`).join(""),
    end: () => "\n]\n",
  },
  csv: {
    contentType: "text/csv; charset=utf-8",
    extension: "csv",
    begin: csvHeader,
    encode: csvRowsOf,
    end: () => "",
  },
  ocsf: {
    contentType: "application/x-ndjson",
    extension: "ocsf.ndjson",
    begin: () => "",
    encode: (entries) => lines(entries, (entry) => JSON.stringify(ocsfEventOf(entry))),
    end: () => "",
  },
  cef: {
    contentType: "text/plain; charset=utf-8",
    extension: "cef",
    begin: () => "",
    encode: (entries) => lines(entries, cefLineOf),
    end: () => "",
  },
};
