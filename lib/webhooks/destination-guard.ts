import "server-only";
import { lookup as dnsLookup } from "node:dns/promises";
import ipaddr from "ipaddr.js";

/**
 * The SSRF guard for webhook destinations. A webhook URL is chosen by a tenant, and the worker that
 * sends to it runs inside Verity's network: without this guard a tenant could make Verity POST to
 * the cloud metadata service (and read instance credentials from the delivery log), to the database,
 * or to anything else on the private network. Two checks, because DNS can change between them:
 * `validateWebhookUrl` when the URL is saved, `resolveDestination` at every delivery, which returns
 * the one address the sender must connect to (no second resolution, so no DNS rebinding).
 *
 * Fail closed: an IPv6 address is public only in global unicast space (2000::/3), and anything
 * ipaddr.js knows as special-purpose is refused unless it is listed below as public.
 */

export type ForbiddenReason =
  | "loopback"
  | "private"
  | "link-local"
  | "cgnat"
  | "multicast"
  | "reserved"
  | "unspecified"
  | "cloud-metadata"
  | "unique-local"
  | "invalid";

export type AddressClass = "public" | ForbiddenReason;

const REASON_TEXT: Record<ForbiddenReason, string> = {
  loopback: "a loopback address",
  private: "a private network address",
  "link-local": "a link-local address",
  cgnat: "a carrier-grade NAT address",
  multicast: "a multicast address",
  reserved: "a reserved or special-purpose address",
  unspecified: "an unspecified address",
  "cloud-metadata": "a cloud metadata service address",
  "unique-local": "an IPv6 unique-local address",
  invalid: "an invalid address",
};

/**
 * Instance metadata endpoints, named apart from their ranges because they are the prize of an SSRF:
 * AWS/GCP/Azure/OpenStack 169.254.169.254, AWS over IPv6 fd00:ec2::254, Alibaba 100.100.100.200,
 * and Azure's WireServer 168.63.129.16 (public space, but answered by the host of every Azure VM).
 */
const CLOUD_METADATA = new Set(["169.254.169.254", "fd00:ec2::254", "100.100.100.200", "168.63.129.16"]);

const IPV4_RANGE_CLASS: Record<string, AddressClass> = {
  unicast: "public",
  unspecified: "unspecified",
  broadcast: "reserved",
  multicast: "multicast",
  linkLocal: "link-local",
  loopback: "loopback",
  carrierGradeNat: "cgnat",
  private: "private",
  reserved: "reserved", // 240/4 and the documentation/benchmarking ranges (192.0.2/24, 198.18/15, ...)
};

const IPV6_RANGE_CLASS: Record<string, AddressClass> = {
  unspecified: "unspecified",
  loopback: "loopback",
  linkLocal: "link-local",
  multicast: "multicast",
  uniqueLocal: "unique-local",
  deprecatedSiteLocal: "private", // fec0::/10, IPv6's first idea of private space
};

function ipv4From(high: number, low: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}

function classifyIPv4(address: ipaddr.IPv4): AddressClass {
  if (CLOUD_METADATA.has(address.toString())) return "cloud-metadata";
  // AS112 and AMT anycast are routable, but no webhook receiver lives there: refused as special-purpose.
  return IPV4_RANGE_CLASS[address.range()] ?? "reserved";
}

/** The worst of the IPv4 addresses a translation mechanism would reach: the first forbidden one, else public. */
function classifyEmbedded(...embedded: ipaddr.IPv4[]): AddressClass {
  for (const address of embedded) {
    const verdict = classifyIPv4(address);
    if (verdict !== "public") return verdict;
  }
  return "public";
}

function classifyIPv6(address: ipaddr.IPv6): AddressClass {
  if (CLOUD_METADATA.has(address.toString())) return "cloud-metadata";
  const p = address.parts;
  const range = address.range();
  if (range in IPV6_RANGE_CLASS) return IPV6_RANGE_CLASS[range];
  switch (range) {
    // ::ffff:a.b.c.d (mapped) and ::ffff:0:a.b.c.d (translated) reach the IPv4 address itself.
    case "ipv4Mapped":
    case "rfc6145":
      return classifyEmbedded(ipv4From(p[6], p[7]));
    // NAT64: 64:ff9b::/96 and the local-use 64:ff9b:1::/48, with the IPv4 address in the last 32 bits
    // (the /96 layout DNS64 deployments use; a local-use prefix's layout is the operator's choice).
    case "rfc6052":
      return classifyEmbedded(ipv4From(p[6], p[7]));
    // 6to4 2002:AABB:CCDD::/48 tunnels to AA.BB.CC.DD.
    case "6to4":
      return classifyEmbedded(ipv4From(p[1], p[2]));
    // Teredo 2001:0:SSSS:SSSS:flags:port:~CCCC:~CCCC names a server and an (obfuscated) client.
    case "teredo":
      return classifyEmbedded(ipv4From(p[2], p[3]), ipv4From(p[6] ^ 0xffff, p[7] ^ 0xffff));
    case "unicast":
      break;
    default:
      return "reserved"; // discard, benchmarking, documentation, ORCHID, AS112, segment routing, ...
  }
  // IPv4-compatible ::a.b.c.d is deprecated (RFC 4291) and some stacks still tunnel it to IPv4.
  if (p.slice(0, 6).every((part) => part === 0)) {
    const embedded = classifyEmbedded(ipv4From(p[6], p[7]));
    return embedded === "public" ? "reserved" : embedded;
  }
  if (!address.match(ipaddr.IPv6.parse("2000::"), 3)) return "reserved";
  // A zone index scopes an address to one interface of this machine: never a receiver on the internet.
  return address.zoneId ? "link-local" : "public";
}

/**
 * Parses an address as the operating system would. ipaddr.js reads "::a.b.c.d" as the mapped
 * ::ffff:a.b.c.d, but it is the IPv4-compatible ::a.b.c.d (how inet_ntop prints such an answer).
 */
function parseAddress(ip: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const text = ip
    .trim()
    .replace(/^\[(.*)\]$/, "$1")
    .replace(/^::(?=[0-9]+\.)/, "::0:");
  return ipaddr.isValid(text) ? ipaddr.parse(text) : null;
}

/** Whether an IP address may receive webhooks ("public"), or why it may not. Unparsable input is "invalid". */
export function classifyAddress(ip: string): AddressClass {
  const address = parseAddress(ip);
  if (!address) return "invalid";
  return address.kind() === "ipv4" ? classifyIPv4(address as ipaddr.IPv4) : classifyIPv6(address as ipaddr.IPv6);
}

function isAllowed(verdict: AddressClass, allowLoopback: boolean): boolean {
  return verdict === "public" || (verdict === "loopback" && allowLoopback);
}

/** Host names that resolve inside this machine or its network however public DNS answers. */
const INTERNAL_NAME = /(^|\.)(localhost|local|internal|localdomain|home\.arpa)$/;
const LOOPBACK_NAME = /(^|\.)localhost$/;
const MAX_URL_LENGTH = 2048;

export type GuardOptions = {
  /** Let loopback receivers through (and plain http to them, on any port): local development and tests only. */
  allowLoopback: boolean;
  /**
   * Ports besides 443 a receiver may listen on (VERITY_WEBHOOK_ALLOWED_PORTS). A public host's other
   * ports are often its admin consoles, databases and caches, which a tenant must not be able to
   * reach from inside Verity's network.
   */
  allowedPorts?: readonly number[];
};

const HTTPS_PORT = 443;

/** Said where a loopback receiver is refused: what a developer trying a local receiver needs to know. */
export const LOOPBACK_HINT =
  " For local development, whoever runs this Verity server can allow loopback receivers with " +
  "VERITY_ALLOW_LOOPBACK_WEBHOOKS=1.";

export type UrlVerdict = { ok: true; url: URL } | { ok: false; message: string };

/**
 * Configuration-time check of a webhook URL, with a message fit for the form. Host names are
 * checked again, resolved, at every delivery (`resolveDestination`).
 */
export function validateWebhookUrl(input: string, { allowLoopback, allowedPorts = [] }: GuardOptions): UrlVerdict {
  const text = input.trim();
  if (text.length > MAX_URL_LENGTH)
    return { ok: false, message: `The URL is too long (${MAX_URL_LENGTH} characters at most).` };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: "Enter a full URL, such as https://hooks.example.com/verity." };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    return { ok: false, message: "The URL must start with https://." };
  if (url.username || url.password) {
    return { ok: false, message: "The URL must not contain a user name or password; deliveries are signed instead." };
  }
  if (url.port === "0") return { ok: false, message: "The port must be between 1 and 65535." };

  // The URL parser has already normalised IPv4 spellings (0x7f.1, 2130706433) to dotted decimal.
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1").replace(/\.$/, "");
  let loopback: boolean;
  if (ipaddr.isValid(host)) {
    const verdict = classifyAddress(host);
    if (!isAllowed(verdict, allowLoopback)) {
      return {
        ok: false,
        message:
          `Webhooks cannot be sent to ${host}: it is ${REASON_TEXT[verdict as ForbiddenReason]}.` +
          (verdict === "loopback" ? LOOPBACK_HINT : ""),
      };
    }
    loopback = verdict === "loopback";
  } else {
    loopback = LOOPBACK_NAME.test(host);
    if (INTERNAL_NAME.test(host) && !(loopback && allowLoopback)) {
      return {
        ok: false,
        message:
          `Webhooks cannot be sent to ${host}: it names a host on a local or internal network.` +
          (loopback ? LOOPBACK_HINT : ""),
      };
    }
    // A single label ("metadata", "kubernetes") is completed by the server's DNS search domains.
    if (!host.includes(".") && !loopback) {
      return { ok: false, message: "Use a fully qualified host name, such as hooks.example.com." };
    }
  }
  if (url.protocol === "http:" && !(loopback && allowLoopback))
    return { ok: false, message: "The URL must start with https://." };
  const port = url.port === "" ? (url.protocol === "https:" ? HTTPS_PORT : 80) : Number(url.port);
  if (port !== HTTPS_PORT && !allowedPorts.includes(port) && !(loopback && allowLoopback)) {
    return {
      ok: false,
      message:
        allowedPorts.length === 0
          ? `Webhooks are sent to port 443 only (your Verity administrator can allow others); remove :${port} from the URL.`
          : `Webhooks are sent to port 443 or ${allowedPorts.join(", ")} only; port ${port} is not allowed.`,
    };
  }
  return { ok: true, url };
}

export type ResolvedAddress = { address: string; family: number };
export type LookupAll = (hostname: string) => Promise<ResolvedAddress[]>;

export type Destination = { ok: true; url: URL; address: string; family: 4 | 6 } | { ok: false; error: string };

const systemLookup: LookupAll = (hostname) => dnsLookup(hostname, { all: true });

/**
 * Delivery-time check: validates the URL again, resolves every address of its host, and refuses the
 * destination if any one of them is forbidden (a host answering one public and one private address
 * would otherwise reach the private one on some attempts). Returns the address to connect to.
 * Refusals do not repeat the resolved address: the delivery log must not become a window on
 * internal DNS.
 */
export async function resolveDestination(
  input: string,
  { allowLoopback, allowedPorts, lookup = systemLookup }: GuardOptions & { lookup?: LookupAll },
): Promise<Destination> {
  const checked = validateWebhookUrl(input, { allowLoopback, allowedPorts });
  if (!checked.ok) return { ok: false, error: checked.message };
  const { url } = checked;
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");

  let addresses: ResolvedAddress[];
  if (ipaddr.isValid(host)) {
    addresses = [{ address: host, family: host.includes(":") ? 6 : 4 }];
  } else {
    try {
      addresses = await lookup(host);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return { ok: false, error: `Could not resolve ${host}${code ? ` (${code})` : ""}.` };
    }
    if (addresses.length === 0) return { ok: false, error: `Could not resolve ${host}: no addresses.` };
  }

  const verdicts = addresses.map(({ address }) => classifyAddress(address));
  const forbidden = verdicts.find((verdict) => !isAllowed(verdict, allowLoopback));
  if (forbidden)
    return {
      ok: false,
      error: `Refused to deliver to ${host}: it resolves to ${REASON_TEXT[forbidden as ForbiddenReason]}.`,
    };
  if (url.protocol === "http:" && verdicts.some((verdict) => verdict !== "loopback")) {
    return { ok: false, error: `Refused to deliver to ${host} over http: only loopback receivers may use http.` };
  }

  // The canonical text of the address just classified, so the connection cannot read it differently.
  const chosen = parseAddress(addresses[0].address)!;
  return { ok: true, url, address: chosen.toString(), family: chosen.kind() === "ipv4" ? 4 : 6 };
}
