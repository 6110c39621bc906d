import ipaddr from "ipaddr.js";

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** ::ffff:203.0.113.7 is the IPv4 address 203.0.113.7, for ranges as for everything else. */
function normalise(address: Address): Address {
  return address.kind() === "ipv6" && (address as ipaddr.IPv6).isIPv4MappedAddress()
    ? (address as ipaddr.IPv6).toIPv4Address()
    : address;
}

/**
 * A CIDR range in its canonical text (`10.0.0.0/8`, `2001:db8::/32`), or null when it is not one. A
 * bare address is a single-host range; host bits must be zero, so `10.0.0.1/8` (a likely typo) is refused.
 */
export function canonicalCidr(text: string): string | null {
  const value = text.trim();
  try {
    if (!value.includes("/")) {
      if (!/^[0-9a-fA-F:.]+$/.test(value) || !ipaddr.isValid(value)) return null;
      const address = normalise(ipaddr.parse(value));
      return `${address.toString()}/${address.kind() === "ipv4" ? 32 : 128}`;
    }
    if (!/^[0-9a-fA-F:.]+\/\d{1,3}$/.test(value)) return null;
    const [parsed, bits] = ipaddr.parseCIDR(value);
    let [address, prefix] = [parsed as Address, bits];
    if (address.kind() === "ipv6" && (address as ipaddr.IPv6).isIPv4MappedAddress() && prefix >= 96) {
      [address, prefix] = [(address as ipaddr.IPv6).toIPv4Address(), prefix - 96];
    }
    const network =
      address.kind() === "ipv4"
        ? ipaddr.IPv4.networkAddressFromCIDR(`${address.toString()}/${prefix}`)
        : ipaddr.IPv6.networkAddressFromCIDR(`${address.toString()}/${prefix}`);
    if (network.toString() !== address.toString()) return null;
    return `${address.toString()}/${prefix}`;
  } catch {
    return null;
  }
}

/**
 * The widest range a key may be pinned to: a /0 (or a handful of /1s) is no pin at all, so a pin is at
 * least an IPv4 /8 or an IPv6 /16. With at most 50 ranges, no list of them covers every address.
 */
export const WIDEST_PREFIX = { ipv4: 8, ipv6: 16 } as const;

function parseCanonical(cidr: string): { address: Address; prefix: number } {
  const [address, prefix] = ipaddr.parseCIDR(cidr);
  return { address: address as Address, prefix };
}

/** True when a canonical range is wider than a key may be pinned to (see WIDEST_PREFIX). */
export function isTooWide(cidr: string): boolean {
  const { address, prefix } = parseCanonical(cidr);
  return prefix < WIDEST_PREFIX[address.kind()];
}

/**
 * True when a key's stored ranges pin it: at least one, and none wider than a pin may be (nor
 * unreadable). Keys stored before that rule may hold `0.0.0.0/0`; to the request path they are as
 * unpinned as a key with no ranges.
 */
export function isPinned(ranges: readonly string[]): boolean {
  // Asked on every API request with the key's stored ranges: parsing CIDRs is the costly part, so the
  // answer is remembered per list (a pure function of the text; bounded, a busy server has few distinct lists).
  const list = ranges.join(",");
  const known = pinnedLists.get(list);
  if (known !== undefined) return known;
  const pinned =
    ranges.length > 0 &&
    ranges.every((range) => {
      const canonical = canonicalCidr(range);
      return canonical !== null && !isTooWide(canonical);
    });
  if (pinnedLists.size >= 1_000) pinnedLists.clear();
  pinnedLists.set(list, pinned);
  return pinned;
}
const pinnedLists = new Map<string, boolean>();

/** True when every address of the canonical range `inner` is in the canonical range `outer`. */
export function rangeWithin(inner: string, outer: string): boolean {
  const a = parseCanonical(inner);
  const b = parseCanonical(outer);
  if (a.address.kind() !== b.address.kind() || a.prefix < b.prefix) return false;
  return a.address.kind() === "ipv4"
    ? (a.address as ipaddr.IPv4).match(b.address as ipaddr.IPv4, b.prefix)
    : (a.address as ipaddr.IPv6).match(b.address as ipaddr.IPv6, b.prefix);
}
