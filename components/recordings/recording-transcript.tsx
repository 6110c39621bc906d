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
            {turn.words.map((word, index) => (
              <span key={`${word.startMs}-${index}`}>
                {index ? " " : ""}
                {word.redacted ? (
                  <mark className="rounded bg-slate-800 px-1 font-mono text-xs text-white" data-testid="redacted-word">
                    {word.text}
                  </mark>
                ) : (
                  word.text
                )}
              </span>
            ))}
          </p>
        </li>
      ))}
    </ol>
  );
}
