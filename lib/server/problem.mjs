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
