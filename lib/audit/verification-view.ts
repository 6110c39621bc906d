/** The result of a chain verification as the screen and the API show it (seqs as strings). */
export type VerificationView = {
  ok: boolean;
  checked: number;
  headSeq: string;
  headHash: string;
  /** Entries committed but not linked yet (verify-chain.ts): not in the chain yet, never a break. */
  pending: number;
  /** Entries 1..archivedThrough are in the archive ("0": none): the chain was checked from the next one on. */
  archivedThrough: string;
  firstBad: { seq: string; kind: string; detail: string } | null;
  /**
   * The archived segments, checked first (absent or null when nothing is archived): how many, how many entries
   * they hold, how many were purged at the end of retention, and each one found missing or altered, by name.
   */
  archive?: ArchiveCheckView | null;
  /** The latest signed checkpoint the entries were checked against (null before the first is signed). */
  checkpoint: { size: string; rootHash: string; keyId: string; signedAt: string } | null;
};

/** What a verification found of the archive (lib/lifecycle/archive/verify-whole-trail.ts). */
export type ArchiveCheckView = {
  segments: number;
  /** Entries in the segments checked (purged ones not counted), as a decimal string. */
  entries: string;
  purged: number;
  problems: { name: string; fromSeq: string; toSeq: string; problem: "missing" | "altered"; reason: string }[];
};
