// Which peers are Verity's own load balancers (VERITY_TRUSTED_PROXIES), shared by the web server
// (lib/server/web-server.mjs, plain Node, no TypeScript) and the request context
// (lib/http/request-context.ts): only their forwarding headers are believed.
import ipaddr from "ipaddr.js";

/**
 * An address as a client or proxy wrote it ("203.0.113.7", "[2001:db8::1]:443", "::ffff:10.0.0.1"),
 * or null. IPv4-mapped IPv6 (::ffff:203.0.113.7) is the IPv4 address itself.
 * @param {string | null | undefined} value
 * @returns {ipaddr.IPv4 | ipaddr.IPv6 | null}
 */
export function parseAddress(value) {
  if (!value) return null;
  const trimmed = value.trim().replace(/^\[(.*)\](:\d+)?$/, "$1");
  if (!ipaddr.isValid(trimmed)) return null;
  const address = ipaddr.parse(trimmed);
  return address.kind() === "ipv6" && /** @type {ipaddr.IPv6} */ (address).isIPv4MappedAddress()
    ? /** @type {ipaddr.IPv6} */ (address).toIPv4Address()
    : address;
}

/**
 * The ranges listed in VERITY_TRUSTED_PROXIES (addresses or CIDR ranges, comma-separated).
 * @returns {[ipaddr.IPv4 | ipaddr.IPv6, number][]}
 */
export function trustedProxyRanges() {
  // Read on every request (twice): parsed once per value of the variable, which tests may change.
  const setting = process.env.VERITY_TRUSTED_PROXIES ?? "";
  if (parsedSetting?.setting === setting) return parsedSetting.ranges;
  /** @type {[ipaddr.IPv4 | ipaddr.IPv6, number][]} */
  const ranges = setting
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) =>
      entry.includes("/") ? ipaddr.parseCIDR(entry) : [ipaddr.parse(entry), entry.includes(":") ? 128 : 32],
    );
  parsedSetting = { setting, ranges };
  return ranges;
}
/** @type {{ setting: string, ranges: [ipaddr.IPv4 | ipaddr.IPv6, number][] } | null} */
let parsedSetting = null;

/**
 * @param {ipaddr.IPv4 | ipaddr.IPv6} address
 * @param {[ipaddr.IPv4 | ipaddr.IPv6, number][]} ranges
 */
export function isTrusted(address, ranges) {
  return ranges.some(([range, bits]) => address.kind() === range.kind() && address.match(range, bits));
}

/**
 * Whether the socket peer (as text) is one of the trusted proxies.
 * @param {string | null | undefined} peer
 */
export function isTrustedPeer(peer) {
  const address = parseAddress(peer);
  return address !== null && isTrusted(address, trustedProxyRanges());
}
