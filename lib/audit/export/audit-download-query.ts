import { z } from "zod";
import { MAX_QUERY_LENGTH } from "../search/tokenize-audit-query";
import { AUDIT_EXPORT_FORMATS } from "./export-formats";

/** How many entries a download holds, sent before its first byte so the screen can show progress. */
export const EXPORT_TOTAL_HEADER = "X-Verity-Export-Total";

export const AUDIT_DOWNLOAD_FORMATS = [...AUDIT_EXPORT_FORMATS, "bundle"] as const;

const ZSeq = z.coerce.bigint().positive().max(9_223_372_036_854_775_807n);

/** A download's query string, the panel's and the API's alike. A bundle is a seq range and ignores q. */
export const ZAuditDownload = z.object({
  format: z
    .enum(AUDIT_DOWNLOAD_FORMATS)
    .default("ndjson")
    .describe("ndjson, csv, json (an array), ocsf (OCSF 1.3 NDJSON), cef, or bundle (verifiable NDJSON)."),
  q: z
    .string()
    .max(MAX_QUERY_LENGTH)
    .default("")
    .describe("A search in the audit query language, as on the audit screen (ignored by bundle)."),
  gzip: z
    .stringbool()
    .optional()
    .describe(
      '1 to gzip the download, 0 not to; when absent, the organization\'s "Compressed audit exports" setting ' +
        "decides (off unless an owner or admin turned it on).",
    ),
  archive: z
    .stringbool()
    .default(true)
    .describe(
      "Include the archived entries (the part of the trail that left the database for the archive), read back and " +
        "checked, before the others: one chain. 0 for the entries in the database only.",
    ),
  fromSeq: ZSeq.optional().describe("bundle only: the first seq (default 1)."),
  toSeq: ZSeq.optional().describe("bundle only: the last seq (default: the chain head when the export starts)."),
});
export type TAuditDownload = z.infer<typeof ZAuditDownload>;
