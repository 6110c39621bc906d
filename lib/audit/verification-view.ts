/** The result of a chain verification as the screen and the API show it (seqs as strings). */
export type VerificationView = {
  ok: boolean;
  checked: number;
  headSeq: string;
  headHash: string;
  firstBad: { seq: string; kind: string; detail: string } | null;
};
