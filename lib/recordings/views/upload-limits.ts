/** What the upload form states (the upload service enforces its own, while streaming). */
export const RECORDING_UPLOAD_LIMITS = { audioBytes: 200 * 1024 * 1024, transcriptBytes: 5 * 1024 * 1024 };
