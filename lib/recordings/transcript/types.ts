/** One recognised word with its position in the recording, in milliseconds from the start. */
export type Word = { text: string; startMs: number; endMs: number; speaker?: string; channel?: number };

/** A transcript as Verity stores it: words sorted by start time. */
export type Transcript = { words: Word[]; durationMs?: number };
