import type { Transcript } from "../transcript/types";
import { digitRunsOf, type DigitRun } from "./spoken-digits";
import type { Token } from "./tokenize-words";

/**
 * The digit runs of the whole conversation and, when the transcript tells speakers (or channels) apart, of each
 * speaker alone: a caller's digits interrupted by the agent's "okay, go on" form one run in the caller's stream (the
 * other speakers' break words still end it).
 */
export function digitStreams(t: Transcript, tokens: readonly Token[]): DigitRun[] {
  const runs = digitRunsOf(tokens, t.words);
  const voiceOf = (word: number): string | undefined => {
    const { speaker, channel } = t.words[word];
    return speaker ?? (channel === undefined ? undefined : `channel ${channel}`);
  };
  const voices = new Set(tokens.map((token) => voiceOf(token.word)));
  if (voices.size < 2) return runs;
  for (const voice of voices) {
    // Another speaker's "phone", "expiry"… still ends the run: the agent asked for a different number.
    const own = tokens.filter((token) => voiceOf(token.word) === voice || token.kind === "break");
    runs.push(...digitRunsOf(own, t.words));
  }
  return runs;
}
