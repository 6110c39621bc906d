import "server-only";
import { Readable } from "node:stream";
import busboy from "busboy";
import { AppError } from "@/lib/http/app-error";
import { readWavFormatFromStream, readWavFormatOfFile, type WavFormat } from "../audio";
import { spoolToFile, type Spooled } from "../store/spool-file";

import type { UploadLimits } from "../upload-limits";
export type UploadParts = {
  audio: Spooled & { format: WavFormat };
  transcriptText: string;
  fields: Record<string, string>;
};

const MB = 1024 * 1024;
const tooLarge = (part: string, limit: number) =>
  new AppError("payload_too_large", `The ${part} part is larger than ${Math.floor(limit / MB)} MB.`);
const invalid = (field: string, message: string) => new AppError("invalid_input", message, { [field]: [message] });

/** The part's bytes, refused (413) as soon as they pass the limit: nothing past it is read or kept. */
async function* limited(stream: AsyncIterable<Buffer>, part: string, limit: number): AsyncIterable<Buffer> {
  let bytes = 0;
  for await (const chunk of stream) {
    bytes += chunk.length;
    if (bytes > limit) throw tooLarge(part, limit);
    yield chunk;
  }
}

async function textOf(stream: AsyncIterable<Buffer>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * What is left of a refused upload's body is read and thrown away in the background, up to `limit` bytes (then the
 * request is dropped): the answer (413, 415, 400) goes out at once, and the client, still sending, gets to read it
 * instead of a reset connection (a browser reports a reset upload as a network error, never as the refusal).
 */
function drainQuietly(source: Readable, limit: number) {
  let discarded = 0;
  source.on("data", (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > limit) source.destroy();
  });
  source.on("error", () => {});
  source.resume();
}

/**
 * Reads a multipart/form-data upload as it streams: the `audio` part's WAV header is checked from its first bytes
 * (415/400 before the rest is read), then the part goes to a temporary file; the `transcript` part (JSON, small) is
 * kept as text; `source` and `title` are fields. Size limits are enforced while reading (413).
 */
export async function readUploadParts(
  contentType: string | null,
  body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | null,
  limits: UploadLimits,
): Promise<UploadParts> {
  if (!contentType || !/^multipart\/form-data\s*;/i.test(contentType))
    throw new AppError(
      "unsupported_media_type",
      "Send the recording as multipart/form-data (parts audio and transcript).",
    );
  if (!body) throw invalid("audio", "The request has no body.");
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": contentType },
      limits: {
        files: 2,
        fields: 4,
        fieldSize: 1024,
        parts: 6,
        fileSize: Math.max(limits.audioBytes, limits.transcriptBytes) + 1,
      },
    });
  } catch {
    throw invalid("_", "The multipart body cannot be read (is its boundary set?).");
  }
  const fields: Record<string, string> = {};
  const work: Promise<unknown>[] = [];
  let audio: Promise<UploadParts["audio"]> | null = null;
  let transcript: Promise<string> | null = null;
  let failure: unknown = null;
  let stop = () => {};
  const openParts: { destroy: () => void }[] = [];
  // The first refusal ends the reading: the rest of the body is not read (a 413 or 415 answers at once).
  const fail = (error: unknown) => {
    failure ??= error;
    stop();
  };
  parser.on("field", (name, value, info) => {
    if (info.valueTruncated) fail(invalid(name, `The ${name} field is too long.`));
    else if (name === "source" || name === "title") fields[name] = value;
    else fail(invalid(name, `Unexpected field "${name}": send audio, transcript, source and title.`));
  });
  parser.on("file", (name, stream) => {
    openParts.push(stream);
    const part = stream as unknown as AsyncIterable<Buffer>;
    if (name === "audio" && !audio) {
      audio = (async () => {
        const { format, stream: rest } = await readWavFormatFromStream(limited(part, "audio", limits.audioBytes));
        const spooled = await spoolToFile(rest, "audio.wav");
        try {
          // The header against the bytes that came: a data chunk longer than the file is a truncated upload (400).
          return { ...spooled, format: await readWavFormatOfFile(spooled.file) };
        } catch (error) {
          await spooled.remove();
          void format;
          throw error;
        }
      })();
      work.push(audio.catch(fail));
    } else if (name === "transcript" && !transcript) {
      transcript = textOf(limited(part, "transcript", limits.transcriptBytes));
      work.push(transcript.catch(fail));
    } else {
      fail(invalid(name, `Unexpected part "${name}": send one audio and one transcript part.`));
    }
  });
  parser.on("partsLimit", () => fail(invalid("_", "Too many parts.")));
  parser.on("filesLimit", () => fail(invalid("_", "Too many files: send one audio and one transcript part.")));
  parser.on("fieldsLimit", () => fail(invalid("_", "Too many fields.")));
  const source = body instanceof ReadableStream ? Readable.fromWeb(body as never) : Readable.from(body);
  const finished = new Promise<void>((resolve, reject) => {
    stop = () => {
      source.unpipe(parser);
      drainQuietly(source, limits.audioBytes + limits.transcriptBytes);
      // The parts still being read end too (their readers settle), so nothing waits on bytes that will not come.
      for (const part of openParts) part.destroy();
      resolve();
    };
    parser.on("close", resolve);
    parser.on("error", () => reject(invalid("_", "The multipart body is malformed.")));
    source.on("error", () => reject(invalid("_", "The upload was interrupted.")));
  });
  source.pipe(parser);
  try {
    await finished;
  } catch (error) {
    fail(error);
  }
  await Promise.allSettled(work);
  const spooled = audio ? await (audio as Promise<UploadParts["audio"]>).catch(() => null) : null;
  if (failure) {
    await spooled?.remove();
    throw failure;
  }
  if (!spooled) throw invalid("audio", "Attach the recording as the audio part (WAV).");
  if (!transcript) {
    await spooled.remove();
    throw invalid("transcript", "Attach the transcript as the transcript part (JSON with word timestamps).");
  }
  return { audio: spooled, transcriptText: await transcript, fields };
}
