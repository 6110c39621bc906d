import type { CheckedCheckpointView } from "./checked-checkpoint";
import type { TAuditEntryView } from "@/lib/audit/audit-entry-view";
import type { ArchiveCheckView } from "@/lib/audit/verification-view";
import type { EntryInclusionView } from "@/lib/audit/published/checkpoint-view";

/** The audit trail's routes under the signed-in session (same origin, so the cookie goes along). */

/** Newest first; nextBeforeSeq leads to the older page, prevAfterSeq to the newer one (null at either end). */
export type AuditPage = {
  entries: TAuditEntryView[];
  nextBeforeSeq: string | null;
  prevAfterSeq: string | null;
  /** How many entries the whole search matches (asked for with `count`), `capped` past the server's cap. */
  count?: { value: number; capped: boolean };
};
export type EntryVerificationStatus = "verified" | "content_mismatch" | "link_mismatch";
export type AuditEntryDetail = {
  entry: TAuditEntryView;
  previousSeq: string | null;
  nextSeq: string | null;
  verification: { contentOk: boolean; linkOk: boolean; status: EntryVerificationStatus };
  /** The entry against the latest signed checkpoint, its inclusion proof verified on the server. */
  inclusion?: EntryInclusionView;
};
export type VerifyProgress = { type: "progress"; checked: number; total: number };
export type VerifyResult = {
  type: "result";
  ok: boolean;
  checked: number;
  headSeq: string | null;
  /** Committed entries not yet linked into the chain (absent: a result from before they were counted). */
  pending?: number;
  /** Entries 1..archivedThrough are in the archive ("0" or absent: none). */
  archivedThrough?: string;
  firstBad: { seq: string; kind: string; detail: string } | null;
  checkpoint?: CheckedCheckpointView;
  /** The archived segments, checked before the hot chain (absent or null: nothing archived). */
  archive?: ArchiveCheckView | null;
};

/** A problem+json answer; `span` is set when the search itself was wrong (1-based position). */
export class AuditApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly span: { position: number; length: number } | null = null,
  ) {
    super(message);
    this.name = "AuditApiError";
  }
}

export const auditEntriesPath = (orgSlug: string) => `/api/orgs/${encodeURIComponent(orgSlug)}/audit-entries`;

export async function errorOf(response: Response): Promise<AuditApiError> {
  const body = (await response.json().catch(() => null)) as {
    detail?: unknown;
    title?: unknown;
    position?: unknown;
    length?: unknown;
  } | null;
  const message =
    typeof body?.detail === "string"
      ? body.detail
      : typeof body?.title === "string"
        ? body.title
        : `The server answered ${response.status}.`;
  const span =
    typeof body?.position === "number" && typeof body?.length === "number"
      ? { position: body.position, length: body.length }
      : null;
  return new AuditApiError(message, response.status, span);
}

async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, { signal, headers: { accept: "application/json" }, cache: "no-store" });
  if (!response.ok) throw await errorOf(response);
  return (await response.json()) as T;
}

export function fetchAuditPage(
  orgSlug: string,
  query: { q: string; beforeSeq: string | null; afterSeq: string | null; limit: number; count?: boolean },
  signal?: AbortSignal,
): Promise<AuditPage> {
  const params = new URLSearchParams({ limit: String(query.limit) });
  if (query.count) params.set("count", "1");
  if (query.q) params.set("q", query.q);
  if (query.beforeSeq) params.set("beforeSeq", query.beforeSeq);
  if (query.afterSeq) params.set("afterSeq", query.afterSeq);
  return getJson<AuditPage>(`${auditEntriesPath(orgSlug)}?${params}`, signal);
}

export function fetchAuditEntry(orgSlug: string, seq: string, signal?: AbortSignal): Promise<AuditEntryDetail> {
  return getJson<AuditEntryDetail>(`${auditEntriesPath(orgSlug)}/${encodeURIComponent(seq)}`, signal);
}

/** Calls `onLine` with each complete line of a text stream as it arrives (the last one too, unterminated). */
export async function readLines(body: ReadableStream<Uint8Array>, onLine: (line: string) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffered = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffered += decoder.decode(value, { stream: true });
    let newline: number;
    while ((newline = buffered.indexOf("\n")) !== -1) {
      const line = buffered.slice(0, newline).trim();
      buffered = buffered.slice(newline + 1);
      if (line) onLine(line);
    }
  }
  if (buffered.trim()) onLine(buffered.trim());
}

/**
 * Runs chain verification, reporting progress from the NDJSON stream. An answer in plain JSON (a
 * server that verifies in one go) is read as the result itself.
 */
export async function runVerification(
  orgSlug: string,
  onProgress: (progress: VerifyProgress) => void,
  signal?: AbortSignal,
): Promise<VerifyResult> {
  const response = await fetch(`${auditEntriesPath(orgSlug)}/verify`, {
    method: "POST",
    signal,
    headers: { accept: "application/x-ndjson" },
  });
  if (!response.ok) throw await errorOf(response);
  if (!response.headers.get("content-type")?.includes("ndjson") || !response.body) {
    const body = (await response.json()) as Omit<VerifyResult, "type">;
    return { ...body, type: "result" };
  }
  let result: VerifyResult | null = null;
  await readLines(response.body, (line) => {
    const message = JSON.parse(line) as VerifyProgress | VerifyResult | { type: "error"; detail?: string };
    if (message.type === "progress") onProgress(message);
    else if (message.type === "result") result = message;
    else if (message.type === "error")
      throw new AuditApiError(message.detail ?? "Verification stopped on the server.", 500);
  });
  if (!result) throw new AuditApiError("The verification ended without a result.", 500);
  return result;
}
