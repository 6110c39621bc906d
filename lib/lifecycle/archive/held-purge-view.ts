/**
 * What a legal hold keeps from the archive's purge now (client-safe): the archived segments past the organization's
 * retention that it covers, which the purge leaves in place while the hold is active. Seqs as decimal strings.
 */
export type HeldPurgeView = {
  segments: number;
  entries: number;
  /** The held ranges, oldest first (the first few). */
  ranges: { fromSeq: string; toSeq: string }[];
};
