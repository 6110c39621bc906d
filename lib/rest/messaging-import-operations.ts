import { z } from "zod";
import type { ApiOperation } from "@/lib/guard/api-operation";
import { ZDncImportReport, MAX_REPORTED_LINES } from "@/lib/messaging/dnc-import/dnc-import-report";
import { MAX_DNC_IMPORT_ROWS } from "@/lib/messaging/dnc-import/import-dnc-csv";

export const ZDncImportQuery = z
  .object({
    fileName: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .regex(/^[^\u0000-\u001f\u007f]+$/, "A file name without control characters.")
      .optional()
      .describe("The file's name, kept in the audit entry."),
  })
  .strict();

/** An import holds its transaction while the file arrives: a million rows take seconds, not minutes. */
export const DNC_IMPORT_TRANSACTION_MS = 10 * 60_000;

export const MESSAGING_IMPORT_OPERATIONS = {
  importDnc: {
    operationId: "importDnc",
    method: "POST",
    path: "/dnc/import",
    tag: "Messaging",
    summary: "Add the numbers of a CSV file to the Do Not Contact list",
    description:
      "The body is the CSV itself (`Content-Type: text/csv`), read as it arrives: send a file of up to " +
      `${MAX_DNC_IMPORT_ROWS.toLocaleString("en-US")} rows in one request (\`curl --data-binary @dnc.csv\`). ` +
      "The first line names the columns: `phone` (E.164, or a US number without its country code), and optionally " +
      "`reason` and `source`. Good rows are kept and bad ones reported by line number (up to " +
      `${MAX_REPORTED_LINES} of them; all are counted): an invalid or missing number does not stop the others. A ` +
      "number already on the list, or repeated in the file, counts as a duplicate. Scheduled messages to the " +
      "imported numbers are cancelled. The import is one `dnc.imported` audit entry with its counts; if the request " +
      "fails (a first line without a phone column, the body cut off), nothing of the file is kept.",
    permission: "messaging.manage",
    query: ZDncImportQuery,
    streamedBody: {
      contentType: "text/csv",
      description: "A CSV file whose first line names its columns: phone, and optionally reason and source.",
    },
    transactionTimeoutMs: DNC_IMPORT_TRANSACTION_MS,
    response: ZDncImportReport,
    status: 200,
  },
} as const satisfies Record<string, ApiOperation>;
