import type { TAuditEntryView } from "@/lib/audit/audit-entry-view";

/**
 * One line of an archive search's NDJSON stream: progress after each segment read, the matches of a segment
 * (newest first, every entry marked as from the archive by the stream it came in), then one `done` line; or one
 * `error` line naming a segment that is missing or altered (the matches before it stand).
 */
export type ArchiveSearchLine =
  | { type: "progress"; segmentsRead: number; segmentsTotal: number }
  | { type: "entries"; entries: TAuditEntryView[] }
  | {
      type: "done";
      matched: number;
      segmentsRead: number;
      segmentsTotal: number;
      /** Segments purged at the end of retention: their entries are gone, not searched. */
      purged: number;
      /** The search stopped at `limit` matches: older archived matches were not read. */
      truncated: boolean;
    }
  | { type: "error"; detail: string };
