/**
 * `verity ingest <file.ndjson>`: records a file of the customer's own events (one JSON event per line, as
 * POST /api/v1/audit-events takes it) through POST /api/v1/audit-events/batch, in batches, in file order,
 * with progress on stderr. Needs no database: the panel's URL and an API key with audit.ingest.
 *
 * Each batch is all or nothing, and carries an Idempotency-Key derived from its content: a batch sent again
 * (a retry after a lost answer, or the same file run again within 24 hours after fixing a refused line) is
 * answered from the first time, not recorded twice. Exit 0 when every event is recorded; 1 when the panel
 * refused a batch (the line and the problem are named; the batches before it are recorded); 2 for a usage
 * error, an unreadable file or a line that is not JSON (then nothing is sent).
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";

export const INGEST_USAGE =
  "verity ingest <file.ndjson> [--url <panel>] [--api-key <key>] [--batch-size 1000]  " +
  "(or VERITY_URL and VERITY_API_KEY in the environment)";
const MAX_BATCH = 1000;
const ATTEMPTS = 5;

export type IngestFetch = (
  url: string,
  init: { method: "POST"; headers: Record<string, string>; body: string },
) => Promise<Response>;
type Io = {
  out: (line: string) => void;
  err: (line: string) => void;
  env?: Record<string, string | undefined>;
  fetch?: IngestFetch;
  sleep?: (ms: number) => Promise<void>;
};
type Line = { number: number; text: string };

/** The file's non-blank lines, numbered from 1 as an editor shows them. */
async function* linesOf(file: string): AsyncGenerator<Line> {
  let number = 0;
  for await (const text of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    number++;
    if (text.trim() !== "") yield { number, text };
  }
}

/** First pass: every line is JSON (or the first that is not), and how many events there are. */
async function countEvents(file: string): Promise<{ count: number } | { bad: Line }> {
  let count = 0;
  for await (const line of linesOf(file)) {
    try {
      JSON.parse(line.text);
    } catch {
      return { bad: line };
    }
    count++;
  }
  return { count };
}

async function* batchesOf(file: string, size: number): AsyncGenerator<Line[]> {
  let batch: Line[] = [];
  for await (const line of linesOf(file)) {
    batch.push(line);
    if (batch.length < size) continue;
    yield batch;
    batch = [];
  }
  if (batch.length > 0) yield batch;
}

type Problem = { status?: number; detail?: string; errors?: Record<string, string[]> };

/** The refusal in the file's terms: `events.3.action` of a batch is a line of the file. */
function describeRefusal(status: number, problem: Problem, batch: Line[]): string {
  const fields = Object.entries(problem.errors ?? {}).map(([field, messages]) => {
    const match = /^events\.(\d+)(?:\.(.+))?$/.exec(field);
    const line = match ? batch[Number(match[1])] : undefined;
    const where = line ? `line ${line.number}${match![2] ? ` (${match![2]})` : ""}` : field;
    return `${where}: ${messages.join(" ")}`;
  });
  return [`${status} ${problem.detail ?? ""}`.trim(), ...fields.slice(0, 10)].join("\n  ");
}

function parseOptions(args: string[], env: Record<string, string | undefined>) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { url: { type: "string" }, "api-key": { type: "string" }, "batch-size": { type: "string" } },
  });
  const url = values.url ?? env.VERITY_URL;
  const apiKey = values["api-key"] ?? env.VERITY_API_KEY;
  const batchSize = Number(values["batch-size"] ?? MAX_BATCH);
  if (positionals.length !== 1 || !url || !apiKey) return null;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH) return null;
  return { file: positionals[0], url: url.replace(/\/+$/, ""), apiKey, batchSize };
}

const wait = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** One batch, retried on a lost answer, a 5xx or a 429 (its Idempotency-Key makes that safe). */
async function sendBatch(options: NonNullable<ReturnType<typeof parseOptions>>, body: string, io: Io) {
  const fetch = io.fetch ?? (globalThis.fetch as IngestFetch);
  const headers = {
    authorization: `Bearer ${options.apiKey}`,
    "content-type": "application/json",
    "idempotency-key": `ingest-${createHash("sha256").update(body).digest("hex")}`,
  };
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(`${options.url}/api/v1/audit-events/batch`, { method: "POST", headers, body }).catch(
      (error: unknown) => error as Error,
    );
    const retriable = response instanceof Error || response.status >= 500 || response.status === 429;
    if (!retriable || attempt === ATTEMPTS) return response;
    const after = response instanceof Error ? null : Number(response.headers.get("retry-after"));
    await (io.sleep ?? wait)(after ? after * 1000 : 250 * 2 ** attempt);
  }
}

export async function runIngest(args: string[], io: Io): Promise<number> {
  let options: ReturnType<typeof parseOptions>;
  try {
    options = parseOptions(args, io.env ?? process.env);
  } catch {
    options = null;
  }
  if (!options) return (io.err(`usage: ${INGEST_USAGE}`), 2);
  let counted: Awaited<ReturnType<typeof countEvents>>;
  try {
    counted = await countEvents(options.file);
  } catch (error) {
    return (io.err(`verity ingest: cannot read ${options.file}: ${(error as Error).message}`), 2);
  }
  if ("bad" in counted) return (io.err(`verity ingest: line ${counted.bad.number} is not JSON; nothing was sent`), 2);
  let recorded = 0;
  let replayed = 0;
  let last: string | null = null;
  for await (const batch of batchesOf(options.file, options.batchSize)) {
    const body = `{"events":[${batch.map((line) => line.text).join(",")}]}`;
    const response = await sendBatch(options, body, io);
    const lines = `lines ${batch[0].number}-${batch.at(-1)!.number}`;
    if (response instanceof Error) {
      io.out(`FAILED at ${lines}: ${response.message}; ${recorded} events recorded before it`);
      return 1;
    }
    if (response.status !== 201) {
      const problem = (await response.json().catch(() => ({}))) as Problem;
      io.out(
        `REFUSED the batch of ${lines}, nothing of it recorded: ${describeRefusal(response.status, problem, batch)}`,
      );
      io.out(
        `${recorded} events before it are recorded; run the same command again once fixed (they are not sent twice)`,
      );
      return 1;
    }
    const answer = (await response.json()) as { count: number; lastSeq: string };
    if (response.headers.get("idempotent-replayed") === "true") replayed += answer.count;
    recorded += answer.count;
    last = answer.lastSeq;
    io.err(`${recorded} of ${counted.count} events recorded`);
  }
  const again = replayed > 0 ? ` (${replayed} of them already recorded by an earlier run, not recorded twice)` : "";
  io.out(recorded === 0 ? "The file has no events." : `recorded ${recorded} events, the last at seq ${last}${again}`);
  return 0;
}
