import { toneWav } from "./spoken-audio";

/** Words said one per 400 ms (300 ms voiced), as a transcript in Verity's own shape. */
export function transcriptOf(words: string[]) {
  return { words: words.map((text, index) => ({ text, startMs: index * 400, endMs: index * 400 + 300 })) };
}

/** A call: a tone as long as the words (8 kHz mono unless told) and its transcript. */
export function toneCall(words: string[], options: { channels?: number; bitsPerSample?: 8 | 16 } = {}) {
  const wav = toneWav({ sampleRate: 8000, durationMs: words.length * 400 + 400, ...options });
  return { audio: wav, wav, transcript: transcriptOf(words) };
}

/** A Visa test number read out in digits, with words around it. */
export const CARD_CALL_WORDS = [
  "hello",
  "my",
  "card",
  "number",
  "is",
  "4",
  "1",
  "1",
  "1",
  "1",
  "1",
  "1",
  "1",
  "1",
  "1",
  "1",
  "1",
  "1",
  "1",
  "1",
  "1",
  "thanks",
  "bye",
];

/** A multipart/form-data upload as a client sends it: the body stream and its Content-Type with the boundary. */
export function multipartUpload(parts: {
  audio?: Buffer;
  transcript?: string | object;
  source?: string;
  title?: string;
  extra?: Record<string, string>;
}) {
  const form = new FormData();
  if (parts.audio) form.append("audio", new Blob([new Uint8Array(parts.audio)], { type: "audio/wav" }), "call.wav");
  if (parts.transcript !== undefined) {
    const text = typeof parts.transcript === "string" ? parts.transcript : JSON.stringify(parts.transcript);
    form.append("transcript", new Blob([text], { type: "application/json" }), "call.json");
  }
  if (parts.source !== undefined) form.append("source", parts.source);
  if (parts.title !== undefined) form.append("title", parts.title);
  for (const [name, value] of Object.entries(parts.extra ?? {})) form.append(name, value);
  const request = new Request("http://localhost/upload", { method: "POST", body: form });
  return { contentType: request.headers.get("content-type"), body: request.body, request };
}
