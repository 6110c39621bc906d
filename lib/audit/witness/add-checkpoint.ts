import type { Witness } from "./witness-config";

/**
 * The client side of C2SP tlog-witness's one call, `POST <submission prefix>/add-checkpoint`. The body is
 * `old <size>` on a line, the consistency proof from that size (one base64 hash a line, none from size 0),
 * an empty line, then the signed checkpoint note. The witness answers 200 with its cosignature lines, or
 * 409 (Content-Type text/x.tlog.size) with the size it last cosigned when ours is not it, or a refusal:
 * 400 malformed, 403 no trusted signature, 404 unknown origin, 422 the proof does not verify.
 */
export type AddCheckpointAnswer =
  | { status: "cosigned"; lines: string }
  | { status: "conflict"; witnessSize: bigint | null }
  | { status: "refused"; httpStatus: number; detail: string }
  | { status: "unreachable"; detail: string };

/** The spec allows at most 63 proof lines: more than any tree of up to 2^63 leaves needs. */
export const MAX_PROOF_LINES = 63;
/** How long one request may take: a slow witness delays only the cosigning job, never the signing. */
export const WITNESS_TIMEOUT_MS = 10_000;
const MAX_ANSWER_BYTES = 64 * 1024;

export function addCheckpointBody(oldSize: bigint, proof: readonly Uint8Array[], note: string): string {
  if (proof.length > MAX_PROOF_LINES) throw new RangeError(`a consistency proof of ${proof.length} hashes`);
  if (oldSize === 0n && proof.length > 0) throw new RangeError("the proof from size 0 is empty");
  const lines = proof.map((hash) => `${Buffer.from(hash).toString("base64")}\n`).join("");
  return `old ${oldSize}\n${lines}\n${note}`;
}

/** A 409 body: the witness's size in decimal and a newline; null when it is not (a root conflict, or noise). */
export function parseWitnessSize(contentType: string | null, body: string): bigint | null {
  if (contentType?.split(";")[0].trim().toLowerCase() !== "text/x.tlog.size") return null;
  return /^(0|[1-9][0-9]{0,19})\n$/.test(body) ? BigInt(body.slice(0, -1)) : null;
}

/** Posts one checkpoint to one witness. Never throws for what the witness or the network does. */
export async function addCheckpoint(
  witness: Witness,
  request: { oldSize: bigint; proof: readonly Uint8Array[]; note: string },
  {
    fetch = globalThis.fetch,
    timeoutMs = WITNESS_TIMEOUT_MS,
  }: { fetch?: typeof globalThis.fetch; timeoutMs?: number } = {},
): Promise<AddCheckpointAnswer> {
  let response: Response;
  let body: string;
  try {
    response = await fetch(`${witness.url}/add-checkpoint`, {
      method: "POST",
      headers: { "content-type": "text/plain; charset=utf-8" },
      body: addCheckpointBody(request.oldSize, request.proof, request.note),
      redirect: "error",
      signal: AbortSignal.timeout(timeoutMs),
    });
    body = await response.text();
  } catch (error) {
    return { status: "unreachable", detail: error instanceof Error ? describe(error) : String(error) };
  }
  if (body.length > MAX_ANSWER_BYTES)
    return { status: "refused", httpStatus: response.status, detail: "answer too long" };
  if (response.status === 200) return { status: "cosigned", lines: body };
  if (response.status === 409)
    return { status: "conflict", witnessSize: parseWitnessSize(response.headers.get("content-type"), body) };
  // 5xx, 429: the witness may work again later; like a refusal, retried with the next checkpoint or run.
  return { status: "refused", httpStatus: response.status, detail: printable(body) };
}

function describe(error: Error): string {
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return `${error.message}${cause}`;
}

/** The start of a refusal's text, for the log: one line, no control characters. */
const printable = (body: string) =>
  body
    .replace(/[\u0000-\u001f\u007f]+/g, " ")
    .trim()
    .slice(0, 200);
