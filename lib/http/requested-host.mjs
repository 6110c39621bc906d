// The host a request was addressed to, shared by both checks that compare it with the request's Origin: the web
// server's server-action screen (lib/server/server-action-screen.mjs, plain Node) and route handlers'
// lib/guard/same-origin.ts.

/**
 * The host (and port) the browser asked for: a trusted proxy's X-Forwarded-Host (the first value, as Next reads
 * it; the web server drops the header from any other peer, lib/server/transport.mjs), else the Host header.
 * Not the URL Next hands a route handler: Next builds that from the address the server listens on (HOST, PORT)
 * and writes every loopback address as "localhost", so it names neither 127.0.0.1 nor a proxy's public host.
 * @param {{ forwardedHost: string | string[] | null | undefined; host: string | null | undefined }} headers
 * @returns {string | null}
 */
export function requestedHost({ forwardedHost, host }) {
  const first = (Array.isArray(forwardedHost) ? forwardedHost[0] : forwardedHost)?.split(",")[0]?.trim();
  return first || host || null;
}
