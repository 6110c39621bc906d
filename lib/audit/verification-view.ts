/** The result of a chain verification as the screen and the API show it (seqs as strings). */
export type VerificationView = {
  ok: boolean;
  checked: number;
  headSeq: string;
  headHash: string;
  /** Entries 1..archivedThrough are in the archive ("0": none): the chain was checked from the next one on. */
  archivedThrough: string;
  firstBad: { seq: string; kind: string; detail: string } | null;
  /** The latest signed checkpoint the entries were checked against (null before the first is signed). */
  checkpoint: { size: string; rootHash: string; keyId: string; signedAt: string } | null;
};
