import "server-only";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";

/**
 * One webhook POST to a receiver the tenant chose, so everything about it is bounded: it goes to the
 * address `resolveDestination` already checked (no second DNS answer to rebind to), never follows a
 * redirect (a public receiver could otherwise bounce us to 169.254.169.254), ends after `timeoutMs`
 * however slowly the receiver answers, and reads at most `maxResponseBytes` of whatever it sends.
 */

export type DeliveryResult = {
  /** The receiver answered 2xx. */
  ok: boolean;
  /** The HTTP status, or null when no response arrived (refused, TLS failure, timeout). 410 means "stop sending". */
  status: number | null;
  /** From sending the request to the end of reading the response (or giving up on it). */
  latencyMs: number;
  /** The start of the response body, at most `maxResponseBytes`, for the delivery log. */
  responseExcerpt: string;
  /** The receiver's response headers, bounded (responseHeadersOf), for the delivery log; null with no response. */
  responseHeaders?: Record<string, string> | null;
  /** The raw Retry-After header, for `nextAttemptAt`. */
  retryAfter: string | null;
  /** Why the delivery failed, in words for the delivery log; null when ok. */
  error: string | null;
};

/** Headers the caller may not set: they would change where the request goes or how it is framed. */
const RESERVED_HEADERS = new Set([
  "host",
  "content-length",
  "transfer-encoding",
  "connection",
  "content-type",
  "user-agent",
]);
const USER_AGENT = "Verity-Webhooks/1.0";
const TLS_REFUSALS = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL/;

function statusError(status: number, location: string | undefined): string | null {
  if (status >= 200 && status < 300) return null;
  if (status >= 300 && status < 400) {
    const target = location ? ` to ${location.slice(0, 200)}` : "";
    return `The receiver redirected (${status})${target}; redirects are not followed, so point the webhook at the final URL.`;
  }
  if (status === 410) return "The receiver answered 410 Gone: it no longer accepts these events.";
  return `The receiver answered ${status}.`;
}

/** Transport failures in words, without the internal address that a raw Node error message carries. */
function transportError(error: NodeJS.ErrnoException): string {
  const code = error.code ?? "";
  if (code === "ECONNREFUSED") return "The receiver refused the connection.";
  if (code === "ECONNRESET" || code === "EPIPE") return "The receiver closed the connection before answering.";
  if (code === "EHOSTUNREACH" || code === "ENETUNREACH") return "The receiver is unreachable.";
  if (TLS_REFUSALS.test(code)) return `The receiver's TLS certificate was not accepted (${code}).`;
  return `The delivery failed (${code || error.message}).`;
}

const MAX_RESPONSE_HEADERS = 40;
const MAX_HEADER_VALUE = 300;

/**
 * Response headers whose value is never stored: any whose name says it carries a cookie, token, session, key,
 * secret, password, signature or credentials (Set-Cookie, Authorization, WWW-Authenticate, X-Api-Key, …).
 */
const WITHHELD_NAME = /cookie|token|session|secret|passw|api[-_]?key|auth|credential|signature|csrf|xsrf/i;
/** What the delivery log shows in place of a withheld value: the name stays, so the header's presence is visible. */
const WITHHELD_VALUE = "[not stored]";

/**
 * The receiver's headers as the delivery log keeps them: at most 40, each value cut to 300 characters. Credentials
 * are withheld: a receiver's Set-Cookie, an Authorization it echoes, a token-ish header would otherwise be readable
 * by everyone with webhooks.manage for as long as the attempt is kept.
 */
export function responseHeadersOf(raw: http.IncomingHttpHeaders): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw).slice(0, MAX_RESPONSE_HEADERS)) {
    if (value === undefined) continue;
    kept[name] = WITHHELD_NAME.test(name)
      ? WITHHELD_VALUE
      : (Array.isArray(value) ? value.join(", ") : value).slice(0, MAX_HEADER_VALUE);
  }
  return kept;
}

/** The headers a delivery goes out with, as sendWebhook sets them (the signature headers and its own). */
export function sentHeaders(headers: Record<string, string>, body: string): Record<string, string> {
  const sent: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!RESERVED_HEADERS.has(name.toLowerCase())) sent[name] = value;
  }
  return {
    ...sent,
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(body)),
    "user-agent": USER_AGENT,
  };
}

function sameAddress(a: string, b: string): boolean {
  return ipaddr.parse(a).toNormalizedString() === ipaddr.parse(b).toNormalizedString();
}

export async function sendWebhook({
  url,
  address,
  headers,
  body,
  timeoutMs = 15_000,
  maxResponseBytes = 1024,
}: {
  url: string | URL;
  /** The address to connect to, from `resolveDestination`. */
  address: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs?: number;
  maxResponseBytes?: number;
}): Promise<DeliveryResult> {
  const target = new URL(url);
  const family = isIP(address);
  if (family === 0) throw new Error("sendWebhook needs the IP address to connect to");
  if (target.protocol !== "https:" && target.protocol !== "http:") throw new Error("webhook URLs are http(s)");
  // Node connects to an IP-literal host directly, without calling `lookup`: it must be the address itself.
  const literal = target.hostname.replace(/^\[(.*)\]$/, "$1");
  if (isIP(literal) && !sameAddress(literal, address))
    throw new Error("the address differs from the IP in the webhook URL");

  // Every connection goes to the validated address; the host name stays in the Host header, TLS SNI
  // and certificate check, so a receiver behind a shared IP or CDN sees the request meant for it.
  const lookup: LookupFunction = (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
  const outgoing = sentHeaders(headers, body);

  const started = performance.now();
  return new Promise<DeliveryResult>((resolve) => {
    // agent: false, so no pooled socket (opened for an earlier, differently resolved delivery) is reused.
    const request = (target.protocol === "https:" ? https : http).request(target, {
      method: "POST",
      agent: false,
      lookup,
      headers: outgoing,
    });
    let status: number | null = null;
    let location: string | undefined;
    let retryAfter: string | null = null;
    let responseHeaders: Record<string, string> | null = null;
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;

    // The status line is the receiver's answer; the body only feeds the excerpt. So a deadline or a
    // broken connection after the status keeps the status, and before it is a failure.
    const finish = (failure: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      request.destroy();
      const error = status === null ? (failure ?? "The receiver sent no response.") : statusError(status, location);
      resolve({
        ok: error === null,
        status,
        latencyMs: Math.round(performance.now() - started),
        responseExcerpt: Buffer.concat(chunks).toString("utf8"),
        responseHeaders,
        retryAfter,
        error,
      });
    };
    const deadline = setTimeout(() => finish(`The receiver did not answer within ${timeoutMs / 1000} s.`), timeoutMs);

    request.on("response", (response) => {
      status = response.statusCode ?? null;
      location = response.headers.location;
      retryAfter = response.headers["retry-after"] ?? null;
      responseHeaders = responseHeadersOf(response.headers);
      response.on("data", (chunk: Buffer) => {
        const wanted = chunk.subarray(0, maxResponseBytes - received);
        chunks.push(wanted);
        received += wanted.length;
        if (received >= maxResponseBytes) finish(null); // destroys the socket: the rest is never read
      });
      response.on("end", () => finish(null));
      response.on("error", () => finish(null));
      response.on("aborted", () => finish(null));
    });
    request.on("error", (error) => finish(transportError(error)));
    request.end(body);
  });
}
