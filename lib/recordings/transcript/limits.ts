import { z } from "zod";

/** About 40 hours of speech: far beyond any call, small enough that a hostile upload cannot exhaust memory. */
export const MAX_TRANSCRIPT_WORDS = 500_000;
export const MAX_WORD_LENGTH = 200;

/** Seconds as a JSON number, from a speech-to-text service; finite and non-negative. */
export const ZSeconds = z.number().finite().nonnegative();

/** Seconds written as a decimal string ("1.25"), as AWS Transcribe does. */
export const ZSecondsString = z
  .string()
  .regex(/^\d{1,9}(\.\d{1,9})?$/, { error: 'expected seconds as a decimal string such as "1.25"' })
  .transform(Number);

export const ZWordText = z.string().max(MAX_WORD_LENGTH);

export const secondsToMs = (seconds: number): number => Math.round(seconds * 1000);

/** Refinement shared by every format: a word cannot end before it starts. */
export const endsAfterStart = { error: "a word's end time must not be before its start time", path: ["end"] };
