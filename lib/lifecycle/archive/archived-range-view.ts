/**
 * What the audit trail screen shows of the part of an organization's chain that left PostgreSQL for the archive
 * (client-safe: no server code here). Seqs are decimal strings, times ISO 8601.
 */
export type ArchivedRangeView = {
  /** Entries 1..throughSeq are in the archive; the hot trail starts at the next. */
  throughSeq: string;
  /** When the last archived entry (throughSeq) happened. */
  lastArchivedAt: string;
  /** How many segments hold them. */
  segments: number;
  /** When the first entry still in PostgreSQL happened; null when none is (everything written is archived). */
  firstHotAt: string | null;
};
