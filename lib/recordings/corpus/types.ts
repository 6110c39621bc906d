import type { SpanKind } from "../detect/types";

/**
 * One call of the test corpus. Each turn's text is words separated by spaces; the ground truth is marked inline
 * with `<card>`…`</card>`, `<cvv>`…`</cvv>` and `<expiry>`…`</expiry>` (separate tokens, not spoken), and a span may
 * open in one turn and close in a later one (a number split across turns, the agent's "okay" inside it).
 */
export type CorpusItem = {
  id: string;
  description: string;
  /** "negative" items hold no card data at all: nothing in them may be flagged by the patterns. */
  category: "card" | "companion" | "negative" | "mixed";
  network?: string;
  turns: ReadonlyArray<readonly [speaker: "caller" | "agent", text: string]>;
};

export type LabelledSpan = { kind: SpanKind; firstWord: number; lastWord: number };
