import { randomUUID } from "node:crypto";
import type { RequestContext } from "@/lib/context";
import { isTrusted, parseAddress, trustedProxyRanges } from "./trusted-proxies.mjs";

/**
 * Who is on the other end of a request. Verity's web server (lib/server/web-server.mjs) writes the
 * socket's peer address into PEER_HEADER, overwriting whatever the client sent, so the peer cannot be
 * forged. Forwarding headers (X-Forwarded-For, geo headers, X-Request-Id) are believed only when the
 * peer is one of the trusted proxies in VERITY_TRUSTED_PROXIES (addresses or CIDR ranges).
 */
export const PEER_HEADER = "x-verity-peer-ip";

type HeaderSource = { get(name: string): string | null };

/** The client address: the peer, or, behind trusted proxies, the right-most untrusted X-Forwarded-For hop. */
export function clientIp(headers: HeaderSource): string | null {
  const peer = parseAddress(headers.get(PEER_HEADER));
  if (!peer) return null;
  const ranges = trustedProxyRanges();
  if (!isTrusted(peer, ranges)) return peer.toString();
  const hops = (headers.get("x-forwarded-for") ?? "").split(",").map(parseAddress).reverse();
  for (const hop of hops) {
    if (!hop) break; // a malformed hop: stop believing the header there
    if (!isTrusted(hop, ranges)) return hop.toString();
  }
  return peer.toString();
}

function cleanText(value: string | null, max: number): string | null {
  if (!value) return null;
  // Control characters have no business in a user agent, and NUL cannot be stored in PostgreSQL text.
  const cleaned = value.replace(/[\u0000-\u001f\u007f]/g, "").slice(0, max);
  return cleaned || null;
}

function safeDecode(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

function geoFromProxy(headers: HeaderSource): RequestContext["geo"] {
  const country = cleanText(
    headers.get("cf-ipcountry") ?? headers.get("x-vercel-ip-country") ?? headers.get("cloudfront-viewer-country"),
    2,
  );
  const region = cleanText(
    headers.get("x-vercel-ip-country-region") ?? headers.get("cloudfront-viewer-country-region"),
    64,
  );
  const city = cleanText(headers.get("x-vercel-ip-city") ?? headers.get("cloudfront-viewer-city"), 128);
  if (!country && !region && !city) return null;
  return {
    country: country && /^[A-Z]{2}$/.test(country) ? country : null,
    region,
    city: city ? safeDecode(city) : null,
  };
}

export function requestContextFrom(headers: HeaderSource): RequestContext {
  const peer = parseAddress(headers.get(PEER_HEADER));
  const fromTrustedProxy = peer !== null && isTrusted(peer, trustedProxyRanges());
  const forwardedId = fromTrustedProxy ? headers.get("x-request-id") : null;
  return {
    ip: clientIp(headers),
    userAgent: cleanText(headers.get("user-agent"), 512),
    geo: fromTrustedProxy ? geoFromProxy(headers) : null,
    requestId: forwardedId && /^[A-Za-z0-9._:-]{1,128}$/.test(forwardedId) ? forwardedId : randomUUID(),
  };
}
