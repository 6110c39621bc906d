/** Stated limits of an upload, enforced while it streams (413 past them). */
export type UploadLimits = { audioBytes: number; transcriptBytes: number };
export const UPLOAD_LIMITS: UploadLimits = { audioBytes: 200 * 1024 * 1024, transcriptBytes: 5 * 1024 * 1024 };
