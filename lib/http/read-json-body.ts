import "server-only";
import { AppError } from "./app-error";
import { MAX_JSON_BODY_BYTES } from "./body-limit";

/**
 * A request body as text, read no further than `maxBytes`: a client that declares or streams more
 * gets 413 before the rest is buffered (a chunked body has no Content-Length to refuse it by).
 */
export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  const tooLarge = () =>
    new AppError("payload_too_large", `The request body is larger than ${Math.floor(maxBytes / 1024)} KB.`);
  if (Number(request.headers.get("content-length") ?? "0") > maxBytes) throw tooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * A JSON request body of at most `maxBytes` (the one limit, lib/http/body-limit.ts): `{}` when empty,
 * 400 when it is not JSON, 413 past the size.
 */
export async function readJsonBody(request: Request, maxBytes = MAX_JSON_BODY_BYTES): Promise<unknown> {
  const text = await readBodyText(request, maxBytes);
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("invalid_input", "The request body is not valid JSON.");
  }
}
