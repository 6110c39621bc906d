// Server actions are POSTs to a page's own URL. Next refuses a cross-site one, an oversized one
// and one it cannot decode by throwing, which answers 500. The web server screens them first and
// answers what each one is: 403 (no Origin, "null", or another site's), 413 (over 1 MB, by
// Content-Length or counted as it streams) and 400 (a body that cannot be decoded).
import { IncomingMessage } from "node:http";
import { requestedHost } from "../http/requested-host.mjs";
import { actionPayloadFault } from "./action-payload.mjs";
import { answerBeforeBody, answerProblem } from "./problem.mjs";

/** Next's own limit for a server action's body (serverActions.bodySizeLimit, 1 MB). */
export const ACTION_BODY_LIMIT = 1024 * 1024;

/** @param {IncomingMessage} request */
export function isServerActionRequest(request) {
  if (request.method !== "POST") return false;
  const path = (request.url ?? "/").split("?")[0];
  // Route handlers (/api/…) and Next's own assets never run server actions.
  if (/^\/(api|_next)(\/|$)/.test(path)) return false;
  // Next treats every multipart POST to a page as a possible (form) action, with or without the header.
  return (
    request.headers["next-action"] !== undefined ||
    /^multipart\/form-data\b/i.test(request.headers["content-type"] ?? "")
  );
}

/**
 * Why the request's Origin is refused, or null when it is the panel's own. Browsers send Origin with
 * every POST; a request without one, or with "null" (sandboxed frames, some redirects, file: pages),
 * cannot show that it comes from the panel's pages.
 * @param {IncomingMessage} request
 */
export function originFault(request) {
  const origin = request.headers.origin;
  if (!origin || origin === "null")
    return "A server action must come from the panel's own pages (no Origin header was sent).";
  let host;
  try {
    host = new URL(origin).host;
  } catch {
    return "The Origin header is malformed.";
  }
  const asked = requestedHost({ forwardedHost: request.headers["x-forwarded-host"], host: request.headers.host });
  return host && host === asked ? null : "A server action must come from the panel's own pages.";
}

/**
 * The body, read up to `limit` bytes; "too-large" past it (the rest is left unread), "aborted" if
 * the client went away.
 * @param {IncomingMessage} request @param {number} limit
 * @returns {Promise<Buffer | "too-large" | "aborted">}
 */
function readBody(request, limit) {
  return new Promise((resolve) => {
    const chunks = [];
    let size = 0;
    const onData = (chunk) => {
      size += chunk.length;
      if (size > limit) {
        request.off("data", onData);
        request.pause();
        resolve("too-large");
        return;
      }
      chunks.push(chunk);
    };
    request.on("data", onData);
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", () => resolve("aborted"));
    request.on("aborted", () => resolve("aborted"));
  });
}

/**
 * A fresh request carrying the body already read, for Next to read again: the original's headers,
 * method and URL on the same socket.
 * @param {IncomingMessage} request @param {Buffer} body
 */
function replay(request, body) {
  const copy = new IncomingMessage(request.socket);
  copy.method = request.method;
  copy.url = request.url;
  copy.httpVersion = request.httpVersion;
  copy.httpVersionMajor = request.httpVersionMajor;
  copy.httpVersionMinor = request.httpVersionMinor;
  const headers = { ...request.headers, "content-length": String(body.length) };
  delete headers["transfer-encoding"];
  copy.headers = headers;
  copy.rawHeaders = Object.entries(headers).flatMap(([name, value]) =>
    Array.isArray(value) ? value.flatMap((item) => [name, item]) : [name, String(value)],
  );
  copy.push(body);
  copy.push(null);
  copy.complete = true;
  return copy;
}

/**
 * Screens a server action. Returns the request Next should handle (a replay of the checked body),
 * or null when the answer has been given here.
 * @param {IncomingMessage} request
 * @param {import("node:http").ServerResponse} response
 * @param {{ expectsContinue?: boolean }} [options]
 * @returns {Promise<IncomingMessage | null>}
 */
export async function screenServerAction(request, response, { expectsContinue = false } = {}) {
  const refusedOrigin = originFault(request);
  if (refusedOrigin) return answerBeforeBody(request, response, 403, refusedOrigin, { expectsContinue });
  const declared = Number(request.headers["content-length"] ?? 0);
  if (declared > ACTION_BODY_LIMIT) return answerBeforeBody(request, response, 413, tooLarge, { expectsContinue });
  if (expectsContinue) response.writeContinue();
  const body = await readBody(request, ACTION_BODY_LIMIT);
  if (body === "aborted") {
    request.destroy();
    return null;
  }
  if (body === "too-large") return answerBeforeBody(request, response, 413, tooLarge);
  const fault = await actionPayloadFault({
    contentType: String(request.headers["content-type"] ?? ""),
    body,
    fetchAction: request.headers["next-action"] !== undefined,
  });
  if (fault) return answerProblem(response, 400, fault);
  return replay(request, body);
}

const tooLarge = `A server action's body may be at most ${ACTION_BODY_LIMIT / 1024 / 1024} MB.`;
