import type { z } from "zod";
import { contentHashOfParsed, linkHashOf } from "@/lib/audit/entry-content";
import {
  BUNDLE_TYPE,
  BUNDLE_VERSION,
  contentOfBundleEntry,
  ZBundleEntry,
  ZBundleHeader,
  type TBundleEntry,
  type TBundleHeader,
} from "./audit-bundle-format";

/**
 * Checks an export bundle with nothing but the file: no database, no network. Reads line by line
 * (constant memory) and stops at the first problem, naming its line (1-based; the header is line 1).
 */
export type BundleProblem =
  "header" | "json" | "entry" | "organization" | "gap" | "order" | "content" | "hash" | "link" | "count";
export type BundleVerification =
  | {
      ok: true;
      orgId: string;
      fromSeq: number;
      toSeq: number;
      count: number;
      lastHash: string;
      checkpoint: TBundleHeader["checkpoint"];
    }
  | { ok: false; line: number; problem: BundleProblem; reason: string; verified: number };

type Line = { number: number; text: string };

/** Numbered non-blank lines, with a one-line look-ahead (to tell a swap from a drop). */
function lineReader(lines: AsyncIterable<string>) {
  const iterator = lines[Symbol.asyncIterator]();
  let read = 0;
  let peeked: Line | null | undefined;
  async function nextLine(): Promise<Line | null> {
    for (;;) {
      const result = await iterator.next();
      if (result.done) return null;
      read++;
      if (result.value.trim() !== "") return { number: read, text: result.value };
    }
  }
  return {
    next: async () => {
      if (peeked === undefined) return nextLine();
      const line = peeked;
      peeked = undefined;
      return line;
    },
    peek: async () => (peeked === undefined ? (peeked = await nextLine()) : peeked),
    linesRead: () => read,
    close: async () => void (await iterator.return?.()),
  };
}

function parseJson(text: string): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

const firstIssue = (error: z.ZodError) => {
  const issue = error.issues[0];
  return `${issue.path.length ? `${issue.path.join(".")}: ` : ""}${issue.message}`;
};

const seqOf = (text: string): number | null => {
  const parsed = parseJson(text);
  return "value" in parsed && typeof (parsed.value as { seq?: unknown })?.seq === "number"
    ? (parsed.value as { seq: number }).seq
    : null;
};

const HEX64 = /^[0-9a-f]{64}$/;
const ENTRY_KEYS = Object.keys(ZBundleEntry.shape);
const ACTOR_TYPES = new Set(["user", "api_key", "system"]);
const OUTCOMES = new Set(["success", "failure", "denied"]);
const textOrNull = (value: unknown) => value === null || typeof value === "string";
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const hasExactly = (value: Record<string, unknown>, keys: readonly string[]) =>
  Object.keys(value).length === keys.length && keys.every((key) => Object.hasOwn(value, key));

/**
 * ZBundleEntry's rules, checked by hand: the verifier reads every line of an archive, and this is several times
 * faster than the schema. It accepts only what the schema accepts (when it says no, the schema is asked for the
 * reason), so an entry is never let through that ZBundleEntry would refuse.
 */
function isBundleEntry(value: unknown): value is TBundleEntry {
  if (!isRecord(value) || !hasExactly(value, ENTRY_KEYS)) return false;
  const { seq, actor, target, geo, metadata } = value;
  return (
    typeof seq === "number" &&
    Number.isSafeInteger(seq) &&
    seq > 0 &&
    [value.prevHash, value.hash, value.contentHash].every((hex) => typeof hex === "string" && HEX64.test(hex)) &&
    [value.id, value.orgId, value.occurredAt, value.category, value.action].every((text) => typeof text === "string") &&
    isRecord(actor) &&
    hasExactly(actor, ["type", "id", "display"]) &&
    ACTOR_TYPES.has(actor.type as string) &&
    textOrNull(actor.id) &&
    textOrNull(actor.display) &&
    (target === null ||
      (isRecord(target) &&
        hasExactly(target, ["type", "id", "display"]) &&
        typeof target.type === "string" &&
        textOrNull(target.id) &&
        textOrNull(target.display))) &&
    OUTCOMES.has(value.outcome as string) &&
    textOrNull(value.ip) &&
    textOrNull(value.userAgent) &&
    (geo === null ||
      (isRecord(geo) &&
        hasExactly(geo, ["country", "region", "city"]) &&
        textOrNull(geo.country) &&
        textOrNull(geo.region) &&
        textOrNull(geo.city))) &&
    textOrNull(value.requestId) &&
    isRecord(metadata)
  );
}

/** onEntry sees each verified entry's chain hash, in order (verify-export collects them to recompute roots). */
export async function verifyAuditBundle(
  lines: AsyncIterable<string>,
  { onEntry }: { onEntry?: (hash: string) => void } = {},
): Promise<BundleVerification> {
  const reader = lineReader(lines);
  let verified = 0;
  const fail = (line: number, problem: BundleProblem, reason: string): BundleVerification => ({
    ok: false,
    line,
    problem,
    reason,
    verified,
  });
  try {
    const first = await reader.next();
    if (!first) return fail(1, "header", "the bundle is empty: its header line is missing");
    const headerJson = parseJson(first.text);
    if ("error" in headerJson)
      return fail(first.number, "json", `malformed JSON in the header line: ${headerJson.error}`);
    const parsedHeader = ZBundleHeader.safeParse(headerJson.value);
    if (!parsedHeader.success) {
      const value = headerJson.value as { type?: unknown; version?: unknown; seq?: unknown } | null;
      if (value?.type === BUNDLE_TYPE && value.version !== BUNDLE_VERSION) {
        return fail(
          first.number,
          "header",
          `bundle version ${JSON.stringify(value.version)} is not one this verifier reads (version ${BUNDLE_VERSION})`,
        );
      }
      if (value?.type !== BUNDLE_TYPE) {
        return fail(
          first.number,
          "header",
          `the header is missing: line ${first.number} is not a "${BUNDLE_TYPE}" header${value?.seq !== undefined ? " but an entry" : ""}`,
        );
      }
      return fail(first.number, "header", `the header is invalid: ${firstIssue(parsedHeader.error)}`);
    }
    const header = parsedHeader.data;
    if (header.toSeq - header.fromSeq + 1 !== header.count) {
      return fail(
        first.number,
        "header",
        `the header's count (${header.count}) does not match its range ${header.fromSeq}..${header.toSeq}`,
      );
    }

    let expectedSeq = header.fromSeq;
    let prevHash = header.prevHash;
    for (let line = await reader.next(); line; line = await reader.next()) {
      const json = parseJson(line.text);
      if ("error" in json) return fail(line.number, "json", `malformed JSON: ${json.error}`);
      if (!isBundleEntry(json.value)) {
        const parsed = ZBundleEntry.safeParse(json.value);
        if (!parsed.success) return fail(line.number, "entry", `not an audit entry: ${firstIssue(parsed.error)}`);
      }
      // The line as written, not zod's copy: the hash must cover exactly what the file says.
      const entry = json.value as TBundleEntry;
      const { seq } = entry;

      if (entry.orgId !== header.orgId) {
        return fail(
          line.number,
          "organization",
          `entry seq ${seq} belongs to organization ${entry.orgId}, not the bundle's ${header.orgId}`,
        );
      }
      if (seq > header.toSeq) {
        return fail(
          line.number,
          "count",
          `entry seq ${seq} lies beyond the header's range ${header.fromSeq}..${header.toSeq}`,
        );
      }
      if (seq === expectedSeq - 1)
        return fail(line.number, "order", `entry seq ${seq} is repeated from the line before`);
      if (seq < expectedSeq) {
        return fail(line.number, "order", `entry seq ${seq} comes after seq ${expectedSeq - 1}: lines were reordered`);
      }
      if (seq > expectedSeq) {
        const next = await reader.peek();
        if (next && seqOf(next.text) === expectedSeq) {
          return fail(
            line.number,
            "order",
            `line ${line.number} holds seq ${seq} where seq ${expectedSeq} belongs (it follows on line ` +
              `${next.number}): lines were reordered`,
          );
        }
        const missing = seq - 1 > expectedSeq ? `entries ${expectedSeq}..${seq - 1} are` : `entry ${expectedSeq} is`;
        return fail(line.number, "gap", `${missing} missing before seq ${seq}: lines were dropped`);
      }
      if (contentHashOfParsed(contentOfBundleEntry(entry)) !== entry.contentHash) {
        return fail(
          line.number,
          "content",
          `the content of entry seq ${seq} was changed: it no longer hashes to its contentHash`,
        );
      }
      if (entry.prevHash !== prevHash) {
        const previous =
          verified === 0
            ? "the header's prevHash (the entry before the range)"
            : `the hash of entry seq ${seq - 1} on the line before`;
        return fail(line.number, "link", `prevHash of entry seq ${seq} does not match ${previous}`);
      }
      if (linkHashOf(entry.prevHash, entry.contentHash) !== entry.hash) {
        return fail(line.number, "hash", `the hash of entry seq ${seq} is not SHA-256(prevHash ‖ contentHash)`);
      }
      prevHash = entry.hash;
      onEntry?.(entry.hash);
      expectedSeq = seq + 1;
      verified++;
    }

    if (verified !== header.count) {
      return fail(
        reader.linesRead() + 1,
        "count",
        `the header promises ${header.count} entries (seq ${header.fromSeq}..${header.toSeq}) but the bundle ` +
          `ends after ${verified}: lines are missing at the end`,
      );
    }
    return {
      ok: true,
      orgId: header.orgId,
      fromSeq: header.fromSeq,
      toSeq: header.toSeq,
      count: verified,
      lastHash: prevHash,
      checkpoint: header.checkpoint,
    };
  } finally {
    await reader.close();
  }
}
