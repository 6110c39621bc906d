// The methods the panel answers. TRACE echoes a request back (cookies included, the old
// cross-site-tracing trick), TRACK is its IIS twin and CONNECT asks for a tunnel: Next has no use
// for any of them and answered TRACE with a 500. Every method outside this list gets 405 with Allow.
import { answerBeforeBody, answerProblemOnSocket } from "./problem.mjs";

export const ALLOWED_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
const ALLOW = { allow: ALLOWED_METHODS.join(", ") };
const detail = (method) => `${method ? `${method} is` : "This method is"} not supported; use one of ${ALLOW.allow}.`;

/**
 * Answers 405 when the request's method is not one the panel serves; returns whether it did.
 * @param {import("node:http").IncomingMessage} request
 * @param {import("node:http").ServerResponse} response
 */
export function refuseMethod(request, response) {
  if (ALLOWED_METHODS.includes(request.method ?? "")) return false;
  answerBeforeBody(request, response, 405, detail(request.method), { headers: ALLOW });
  return true;
}

/**
 * A CONNECT request never reaches the request handler; Node hands over the raw socket.
 * @param {import("node:http").IncomingMessage} request
 * @param {import("node:stream").Duplex} socket
 */
export function refuseConnect(request, socket) {
  answerProblemOnSocket(socket, 405, detail("CONNECT"), ALLOW);
}

/**
 * What Node's HTTP parser could not read. A method it does not know (TRACK, made-up names) gets 405
 * with Allow; everything else the answer Node would give by default.
 * @param {Error & { code?: string }} error
 * @param {import("node:stream").Duplex} socket
 */
export function answerClientError(error, socket) {
  if (error.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  if (error.code === "HPE_INVALID_METHOD") return answerProblemOnSocket(socket, 405, detail(null), ALLOW);
  if (error.code === "HPE_HEADER_OVERFLOW")
    return answerProblemOnSocket(socket, 431, "The request's headers are too large.");
  if (error.code === "ERR_HTTP_REQUEST_TIMEOUT")
    return answerProblemOnSocket(socket, 408, "The request took too long to arrive.");
  answerProblemOnSocket(socket, 400, "The request is not valid HTTP.");
}
