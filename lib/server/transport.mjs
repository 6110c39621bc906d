// What the web server tells the app about the connection, in headers a client cannot forge: the
// socket peer (x-verity-peer-ip) and whether the request came over https (x-verity-scheme), and
// the headers every answer carries because of it (HSTS, no-store on the API).
import { isTrustedPeer } from "../http/trusted-proxies.mjs";

export const HSTS = "max-age=31536000; includeSubDomains";

/** @param {string | string[] | undefined} value */
const firstValue = (value) => (Array.isArray(value) ? value[0] : value)?.split(",")[0]?.trim().toLowerCase();

/**
 * Overwrites the client's say on the connection. A trusted proxy's X-Forwarded-Proto and
 * X-Forwarded-Host are kept; from anyone else they are dropped, so neither Next's server action
 * origin check nor the https decision can be steered by a client.
 * @param {import("node:http").IncomingMessage} request
 */
export function markTransport(request) {
  const peer = request.socket.remoteAddress ?? "";
  request.headers["x-verity-peer-ip"] = peer;
  const trusted = isTrustedPeer(peer);
  if (!trusted) {
    delete request.headers["x-forwarded-host"];
    delete request.headers["x-forwarded-proto"];
  }
  const https =
    Boolean(/** @type {{ encrypted?: boolean }} */ (request.socket).encrypted) ||
    (trusted && firstValue(request.headers["x-forwarded-proto"]) === "https");
  request.headers["x-verity-scheme"] = https ? "https" : "http";
}

/**
 * Headers set before Next answers (a route may still set its own Cache-Control): HSTS when the
 * request came over https (browsers ignore it over http anyway), and no-store on every /api answer,
 * which carries account data, audit entries or secrets that no shared cache may keep.
 * Pages get their CSP and no-store in proxy.ts.
 * @param {import("node:http").IncomingMessage} request
 * @param {import("node:http").ServerResponse} response
 */
export function setTransportHeaders(request, response) {
  if (request.headers["x-verity-scheme"] === "https") response.setHeader("strict-transport-security", HSTS);
  if (/^\/api(\/|\?|$)/.test(request.url ?? "")) response.setHeader("cache-control", "no-store");
}
