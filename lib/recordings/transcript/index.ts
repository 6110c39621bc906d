export type { Transcript, Word } from "./types";
export { parseTranscriptUpload, transcriptFormatOf } from "./parse-transcript-upload";
export type { TranscriptFormat } from "./parse-transcript-upload";
export { MAX_TRANSCRIPT_WORDS, MAX_WORD_LENGTH } from "./limits";
