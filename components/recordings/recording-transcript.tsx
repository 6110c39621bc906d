import type { TTranscriptWord } from "@/lib/recordings/views/recording-view-schemas";
import { position } from "./recording-format";

type Turn = { speaker: string | null; startMs: number; words: TTranscriptWord[] };

/** Consecutive words of one speaker make a turn. */
function turnsOf(words: TTranscriptWord[]): Turn[] {
  const turns: Turn[] = [];
  for (const word of words) {
    const last = turns.at(-1);
    if (last && last.speaker === word.speaker) last.words.push(word);
    else turns.push({ speaker: word.speaker, startMs: word.startMs, words: [word] });
  }
  return turns;
}

type Run = { redacted: boolean; words: TTranscriptWord[] };

/** Consecutive redacted words read as one "[redacted]" (a card said digit by digit is sixteen of them). */
function runsOf(words: TTranscriptWord[]): Run[] {
  const runs: Run[] = [];
  for (const word of words) {
    const last = runs.at(-1);
    if (last && last.redacted === word.redacted) last.words.push(word);
    else runs.push({ redacted: word.redacted, words: [word] });
  }
  return runs;
}

/** The redacted transcript, turn by turn, each "[redacted]" marked so it stands out (and reads as such aloud). */
export function RecordingTranscript({ words }: { words: TTranscriptWord[] }) {
  if (!words.length) return <p className="text-sm text-slate-500">The transcript has no words.</p>;
  return (
    <ol className="space-y-2 text-sm leading-relaxed text-slate-800" data-testid="recording-transcript">
      {turnsOf(words).map((turn) => (
        <li key={`${turn.startMs}-${turn.words[0].endMs}`} className="flex gap-3">
          <span className="w-14 shrink-0 pt-0.5 font-mono text-xs tabular-nums text-slate-500">
            {position(turn.startMs)}
          </span>
          <p>
            {turn.speaker ? <span className="mr-1 font-medium text-slate-600">{turn.speaker}:</span> : null}
            {runsOf(turn.words).map((run, index) => (
              <span key={`${run.words[0].startMs}-${index}`}>
                {index ? " " : ""}
                {run.redacted ? (
                  <mark
                    className="rounded bg-slate-800 px-1 font-mono text-xs text-white"
                    data-testid="redacted-word"
                    title={`${run.words.length} word${run.words.length === 1 ? "" : "s"} redacted, ${position(
                      run.words[0].startMs,
                    )} to ${position(run.words.at(-1)!.endMs)}`}
                  >
                    [redacted]
                  </mark>
                ) : (
                  run.words.map((word) => word.text).join(" ")
                )}
              </span>
            ))}
          </p>
        </li>
      ))}
    </ol>
  );
}
