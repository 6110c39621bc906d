// The web server's own refusals, in the same RFC 9457 problem+json shape as the API's.
import { STATUS_CODES } from "node:http";

/**
 * Answers `status` with a problem+json body; returns null, so a screen can `return answerProblem(…)`.
 * `close` ends the connection after the answer: the request's body was left unread.
 * @param {import("node:http").ServerResponse} response
 * @param {number} status
 * @param {string} detail
 * @param {{ close?: boolean, headers?: Record<string, string> }} [options]
 * @returns {null}
 */
export function answerProblem(response, status, detail, { close = false, headers = {} } = {}) {
  const body = JSON.stringify({ type: "about:blank", title: STATUS_CODES[status] ?? "Error", status, detail });
  response.writeHead(status, {
    ...headers,
    "content-type": "application/problem+json",
    "content-length": Buffer.byteLength(body),
    "cache-control": "no-store",
    ...(close ? { connection: "close" } : {}),
  });
  response.end(body);
  return null;
}

/** How long a refused request's client may go on sending the body nobody will read. */
const LINGER_MS = 5_000;

/**
 * Answers before the request's body was read (or all of it): the rest is read and thrown away, so
 * the client, still sending, can read the answer (closing a socket with unread data resets the
 * connection, and the client may never see the status); a client still sending after LINGER_MS
 * loses the connection. A client that asked first (Expect: 100-continue) sends nothing more: its
 * connection is closed after the answer.
 * @param {import("node:http").IncomingMessage} request
 * @param {import("node:http").ServerResponse} response
 * @param {number} status
 * @param {string} detail
 * @param {{ expectsContinue?: boolean, headers?: Record<string, string> }} [options]
 * @returns {null}
 */
export function answerBeforeBody(request, response, status, detail, { expectsContinue = false, headers = {} } = {}) {
  if (expectsContinue || request.complete)
    return answerProblem(response, status, detail, { close: expectsContinue, headers });
  const timer = setTimeout(() => request.socket.destroy(), LINGER_MS);
  timer.unref();
  request.once("end", () => clearTimeout(timer));
  request.once("close", () => clearTimeout(timer));
  answerProblem(response, status, detail, { headers });
  request.resume();
  return null;
}

/**
 * The same answer written straight to a socket, for requests Node's HTTP parser refused or that
 * never become a request (CONNECT).
 * @param {import("node:stream").Duplex} socket
 * @param {number} status
 * @param {string} detail
 * @param {Record<string, string>} [headers]
 */
export function answerProblemOnSocket(socket, status, detail, headers = {}) {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify({ type: "about:blank", title: STATUS_CODES[status] ?? "Error", status, detail });
  const lines = Object.entries({
    ...headers,
    "content-type": "application/problem+json",
    "content-length": String(Buffer.byteLength(body)),
    "cache-control": "no-store",
    connection: "close",
  }).map(([name, value]) => `${name}: ${value}`);
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${lines.join("\r\n")}\r\n\r\n${body}`);
}
