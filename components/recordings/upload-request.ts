/** What an upload ended with, as the form shows it. */
export type UploadOutcome =
  { ok: true; id: string } | { ok: false; message: string; fields?: Record<string, string[]> };

/** The messages for the refusals a user can act on, whatever detail the server adds. */
const BY_STATUS: Record<number, string> = {
  413: "The file is too large.",
  415: "That audio format is not supported: upload a WAV file (PCM, 8 or 16 bit, mono or stereo).",
  400: "The upload was refused.",
  401: "Your session has ended. Sign in again.",
  403: "You may not upload recordings in this organization.",
  429: "Too many uploads at once. Wait a moment and try again.",
};

type Problem = { detail?: unknown; title?: unknown; errors?: unknown; id?: unknown };

function problemOf(text: string): Problem {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === "object" ? (parsed as Problem) : {};
  } catch {
    return {};
  }
}

function fieldsOf(errors: unknown): Record<string, string[]> | undefined {
  if (!errors || typeof errors !== "object") return undefined;
  const fields: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(errors))
    if (Array.isArray(value)) fields[key] = value.filter((item): item is string => typeof item === "string");
  return Object.keys(fields).length ? fields : undefined;
}

/** Reads a finished upload's answer: the new recording's id, or the problem+json detail in plain words. */
export function uploadOutcome(status: number, body: string): UploadOutcome {
  const problem = problemOf(body);
  if (status >= 200 && status < 300) {
    const id = typeof problem.id === "string" ? problem.id : null;
    return id ? { ok: true, id } : { ok: false, message: "The upload finished but its answer was unreadable." };
  }
  const detail = typeof problem.detail === "string" ? problem.detail : null;
  const base = BY_STATUS[status] ?? "The upload failed. Try again in a moment.";
  const message = detail && detail !== base ? `${base} ${detail}` : base;
  return { ok: false, message, fields: fieldsOf(problem.errors) };
}

/**
 * Sends the form as multipart to the panel's upload route with the session cookie, reporting bytes sent
 * (fetch has no upload progress in browsers, XMLHttpRequest does).
 */
export function sendUpload(
  url: string,
  data: FormData,
  onProgress: (sent: number, total: number) => void,
): { done: Promise<UploadOutcome>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<UploadOutcome>((resolve) => {
    xhr.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : 0);
    xhr.onload = () => resolve(uploadOutcome(xhr.status, xhr.responseText));
    xhr.onerror = () => resolve({ ok: false, message: "The connection failed during the upload. Try again." });
    xhr.onabort = () => resolve({ ok: false, message: "Upload cancelled." });
    xhr.open("POST", url);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.send(data);
  });
  return { done, abort: () => xhr.abort() };
}
