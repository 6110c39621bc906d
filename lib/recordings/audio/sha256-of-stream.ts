import { createHash } from "node:crypto";
import { asBuffer, type AudioInput } from "./audio-input";

/** The SHA-256 (hex) of a stream's bytes, read in constant memory. */
export async function sha256OfStream(input: AudioInput): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of input as AsyncIterable<Uint8Array>) hash.update(asBuffer(chunk));
  return hash.digest("hex");
}
