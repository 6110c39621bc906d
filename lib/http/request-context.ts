import ipaddr from "ipaddr.js";
import { randomUUID } from "node:crypto";
import type { AuditRequestContext } from "@/lib/audit/append-audit-entry";

/**
 * Who is on the other end of a request. Verity's web server (lib/server/web-server.mjs) writes the
 * socket's peer address into PEER_HEADER, overwriting whatever the client sent, so the peer cannot be
 * forged. Forwarding headers (X-Forwarded-For, geo headers, X-Request-Id) are believed only when the
 * peer is one of the trusted proxies in VERITY_TRUSTED_PROXIES (addresses or CIDR ranges).
 */
export const PEER_HEADER = "x-verity-peer-ip";

export type RequestContext = AuditRequestContext;

type HeaderSource = { get(name: string): string | null };

function parseAddress(value: string | null | undefined): ipaddr.IPv4 | ipaddr.IPv6 | null {
  if (!value) return null;
  const trimmed = value.trim().replace(/^\[(.*)\](:\d+)?$/, "$1");
  if (!ipaddr.isValid(trimmed)) return null;
  const address = ipaddr.parse(trimmed);
  // ::ffff:203.0.113.7 is the IPv4 client 203.0.113.7.
  return address.kind() === "ipv6" && (address as ipaddr.IPv6).isIPv4MappedAddress()
    ? (address as ipaddr.IPv6).toIPv4Address()
    : address;
}

function trustedProxyRanges(): [ipaddr.IPv4 | ipaddr.IPv6, number][] {
  return (process.env.VERITY_TRUSTED_PROXIES ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => (entry.includes("/") ? ipaddr.parseCIDR(entry) : [ipaddr.parse(entry), entry.includes(":") ? 128 : 32]));
}

function isTrusted(address: ipaddr.IPv4 | ipaddr.IPv6, ranges: ReturnType<typeof trustedProxyRanges>): boolean {
  return ranges.some(([range, bits]) => address.kind() === range.kind() && address.match(range, bits));
}

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
  const country = cleanText(headers.get("cf-ipcountry") ?? headers.get("x-vercel-ip-country") ?? headers.get("cloudfront-viewer-country"), 2);
  const region = cleanText(headers.get("x-vercel-ip-country-region") ?? headers.get("cloudfront-viewer-country-region"), 64);
  const city = cleanText(headers.get("x-vercel-ip-city") ?? headers.get("cloudfront-viewer-city"), 128);
  if (!country && !region && !city) return null;
  return { country: country && /^[A-Z]{2}$/.test(country) ? country : null, region, city: city ? safeDecode(city) : null };
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
