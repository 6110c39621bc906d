import { describe, expect, it } from "vitest";
import { classifyAddress, resolveDestination, validateWebhookUrl, type LookupAll } from "./destination-guard";

describe("classifyAddress", () => {
  it.each([
    // Public receivers, IPv4 and IPv6, and translations of public IPv4 addresses.
    ["8.8.8.8", "public"],
    ["1.1.1.1", "public"],
    ["172.32.0.1", "public"], // just outside 172.16/12
    ["100.128.0.1", "public"], // just outside 100.64/10
    ["2606:4700:4700::1111", "public"],
    ["::ffff:8.8.8.8", "public"],
    ["64:ff9b::808:808", "public"],
    ["2002:808:808::1", "public"],

    // Loopback.
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["::1", "loopback"],
    ["[::1]", "loopback"],
    ["::ffff:127.0.0.1", "loopback"],
    ["0x7f.1", "loopback"], // inet_aton spelling of 127.0.0.1
    ["2130706433", "loopback"],

    // RFC 1918 private space, plain and wrapped in every IPv6 form.
    ["10.0.0.1", "private"],
    ["10.255.255.255", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["::ffff:10.0.0.1", "private"],
    ["::ffff:c0a8:101", "private"],
    ["::ffff:0:10.0.0.1", "private"], // IPv4-translated (RFC 6145)
    ["64:ff9b::10.0.0.1", "private"], // NAT64 well-known prefix
    ["64:ff9b::c0a8:101", "private"],
    ["64:ff9b:1::a00:1", "private"], // NAT64 local-use prefix
    ["2002:a00:1::1", "private"], // 6to4 to 10.0.0.1
    ["::10.0.0.1", "private"], // IPv4-compatible (deprecated)
    ["fec0::1", "private"], // deprecated site-local

    // Link-local.
    ["169.254.0.1", "link-local"],
    ["169.254.170.2", "link-local"], // ECS task metadata
    ["fe80::1", "link-local"],
    ["febf:ffff::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["::ffff:169.254.1.1", "link-local"],

    // Carrier-grade NAT.
    ["100.64.0.1", "cgnat"],
    ["100.127.255.255", "cgnat"],
    ["64:ff9b::6440:1", "cgnat"],

    // Multicast.
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["ff02::1", "multicast"],
    ["ff05::1:3", "multicast"],

    // Reserved, broadcast, documentation and benchmarking.
    ["240.0.0.1", "reserved"],
    ["255.255.255.255", "reserved"],
    ["192.0.0.8", "reserved"],
    ["192.0.2.10", "reserved"],
    ["198.18.0.1", "reserved"],
    ["198.19.255.255", "reserved"],
    ["198.51.100.7", "reserved"],
    ["203.0.113.9", "reserved"],
    ["2001:db8::1", "reserved"],
    ["2001:2::1", "reserved"], // IPv6 benchmarking
    ["100::1", "reserved"], // discard-only
    ["4000::1", "reserved"], // outside global unicast 2000::/3
    ["::8.8.8.8", "reserved"], // IPv4-compatible: deprecated even when the IPv4 is public
    ["::808:808", "reserved"],
    ["::ffff:203.0.113.1", "reserved"],

    // Unspecified.
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "unspecified"],
    ["::", "unspecified"],
    ["::ffff:0.0.0.0", "unspecified"],

    // Cloud metadata, plain and smuggled through IPv6 forms.
    ["169.254.169.254", "cloud-metadata"],
    ["fd00:ec2::254", "cloud-metadata"],
    ["100.100.100.200", "cloud-metadata"],
    ["168.63.129.16", "cloud-metadata"],
    ["::ffff:169.254.169.254", "cloud-metadata"],
    ["::ffff:a9fe:a9fe", "cloud-metadata"],
    ["64:ff9b::169.254.169.254", "cloud-metadata"],
    ["64:ff9b:1::a9fe:a9fe", "cloud-metadata"],
    ["2002:a9fe:a9fe::", "cloud-metadata"],

    // IPv6 unique-local.
    ["fc00::1", "unique-local"],
    ["fd12:3456:789a::1", "unique-local"],

    // Teredo: server and (bit-inverted) client addresses are both checked.
    ["2001:0:808:808:0:0:f7f7:f7f7", "public"], // server 8.8.8.8, client 8.8.8.8
    ["2001:0:a00:1:0:0:f7f7:f7f7", "private"], // server 10.0.0.1
    ["2001:0:808:808:0:0:80ff:fffe", "loopback"], // client ~80ff:fffe = 127.0.0.1

    // Not an address at all.
    ["example.com", "invalid"],
    ["", "invalid"],
    ["999.1.1.1", "invalid"],
  ])("%s is %s", (ip, expected) => {
    expect(classifyAddress(ip)).toBe(expected);
  });
});

describe("validateWebhookUrl", () => {
  const strict = { allowLoopback: false };
  const local = { allowLoopback: true };

  it.each([
    "https://hooks.example.com/verity",
    "https://hooks.example.com:443/verity?source=verity",
    "https://8.8.8.8/hook",
    "https://[2606:4700:4700::1111]/hook",
    "https://example.com./hook",
  ])("accepts %s", (url) => {
    expect(validateWebhookUrl(url, strict)).toMatchObject({ ok: true });
  });

  it.each([
    ["not a url", /full URL/],
    ["ftp://hooks.example.com/", /https/],
    ["http://hooks.example.com/", /https/],
    ["https://user:pass@hooks.example.com/", /user name or password/],
    ["https://hooks.example.com:0/", /port/],
    ["https://localhost/", /local or internal/],
    ["https://api.localhost/", /local or internal/],
    ["https://printer.local/", /local or internal/],
    ["https://metadata.google.internal/computeMetadata/v1/", /local or internal/],
    ["https://router.home.arpa/", /local or internal/],
    ["https://metadata/", /fully qualified/],
    ["https://127.0.0.1/", /loopback/],
    ["https://0x7f.1/", /loopback/],
    ["https://[::1]/", /loopback/],
    ["https://10.1.2.3/", /private/],
    ["https://[::ffff:192.168.0.1]/", /private/],
    ["https://169.254.169.254/latest/meta-data/", /cloud metadata/],
    ["https://[fd00:ec2::254]/", /cloud metadata/],
    ["https://[64:ff9b::a9fe:a9fe]/", /cloud metadata/],
    ["https://[fe80::1]/", /link-local/],
    [`https://hooks.example.com/${"a".repeat(2100)}`, /too long/],
  ])("refuses %s", (url, message) => {
    const verdict = validateWebhookUrl(url, strict);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.message).toMatch(message);
  });

  it("points a developer refused a loopback receiver to the setting that allows one, and only then", () => {
    for (const url of [
      "http://localhost:4000/hook",
      "https://127.0.0.1/",
      "https://[::1]/",
      "https://api.localhost/",
    ]) {
      const verdict = validateWebhookUrl(url, strict);
      expect(verdict.ok ? "" : verdict.message, url).toContain("VERITY_ALLOW_LOOPBACK_WEBHOOKS=1");
    }
    for (const url of ["https://10.1.2.3/", "https://printer.local/", "https://169.254.169.254/"]) {
      const verdict = validateWebhookUrl(url, strict);
      expect(verdict.ok ? "" : verdict.message, url).not.toContain("VERITY_ALLOW_LOOPBACK_WEBHOOKS");
    }
  });

  it.each([
    "https://hooks.example.com:8443/verity",
    "https://hooks.example.com:22/",
    "https://hooks.example.com:6379/",
    "https://8.8.8.8:9200/",
    "https://[2606:4700:4700::1111]:8080/",
  ])("refuses a public host's port other than 443: %s", (url) => {
    const verdict = validateWebhookUrl(url, strict);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.message).toMatch(/port 443 only/);
  });

  it("allows the ports the operator lists, and only those", () => {
    const listed = { allowLoopback: false, allowedPorts: [8443, 9443] };
    expect(validateWebhookUrl("https://hooks.example.com:8443/verity", listed)).toMatchObject({ ok: true });
    expect(validateWebhookUrl("https://hooks.example.com:9443/verity", listed)).toMatchObject({ ok: true });
    expect(validateWebhookUrl("https://hooks.example.com/verity", listed)).toMatchObject({ ok: true });
    const refused = validateWebhookUrl("https://hooks.example.com:8080/verity", listed);
    expect(refused).toEqual({
      ok: false,
      message: "Webhooks are sent to port 443 or 8443, 9443 only; port 8080 is not allowed.",
    });
  });

  it("lets loopback receivers through, over http too, only when loopback is allowed", () => {
    for (const url of [
      "http://127.0.0.1:4000/hook",
      "http://localhost:4000/hook",
      "https://[::1]:4000/",
      "http://[::1]:4000/",
    ]) {
      expect(validateWebhookUrl(url, local)).toMatchObject({ ok: true });
      expect(validateWebhookUrl(url, strict).ok).toBe(false);
    }
  });

  it("keeps refusing non-loopback destinations and http to other hosts when loopback is allowed", () => {
    expect(validateWebhookUrl("http://hooks.example.com/", local).ok).toBe(false);
    expect(validateWebhookUrl("https://10.0.0.1/", local).ok).toBe(false);
    expect(validateWebhookUrl("https://169.254.169.254/", local).ok).toBe(false);
  });
});

describe("resolveDestination", () => {
  const answers =
    (...addresses: string[]): LookupAll =>
    async () =>
      addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));

  it("returns the resolved address to connect to when every address is public", async () => {
    const destination = await resolveDestination("https://hooks.example.com/verity", {
      allowLoopback: false,
      lookup: answers("93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"),
    });
    expect(destination).toMatchObject({ ok: true, address: "93.184.215.14", family: 4 });
    if (destination.ok) expect(destination.url.hostname).toBe("hooks.example.com");
  });

  it("refuses a host that resolves to one public and one private address", async () => {
    const destination = await resolveDestination("https://rebind.example.com/", {
      allowLoopback: false,
      lookup: answers("93.184.215.14", "10.0.0.5"),
    });
    expect(destination.ok).toBe(false);
    if (!destination.ok) {
      expect(destination.error).toMatch(/private/);
      expect(destination.error).not.toContain("10.0.0.5");
    }
  });

  it("refuses a host that resolves to the metadata service through a NAT64 address", async () => {
    const destination = await resolveDestination("https://sneaky.example.com/", {
      allowLoopback: false,
      lookup: answers("64:ff9b::a9fe:a9fe"),
    });
    expect(destination).toMatchObject({ ok: false, error: expect.stringMatching(/cloud metadata/) });
  });

  it("allows a host resolving to loopback only when loopback is allowed", async () => {
    const lookup = answers("127.0.0.1", "::1");
    expect(await resolveDestination("https://receiver.example.com/", { allowLoopback: false, lookup })).toMatchObject({
      ok: false,
    });
    expect(await resolveDestination("https://receiver.example.com/", { allowLoopback: true, lookup })).toMatchObject({
      ok: true,
      address: "127.0.0.1",
    });
  });

  it("uses an IP literal as is, without a lookup", async () => {
    const lookup: LookupAll = async () => {
      throw new Error("no lookup expected");
    };
    expect(
      await resolveDestination("https://[2606:4700:4700::1111]:8443/", {
        allowLoopback: false,
        allowedPorts: [8443],
        lookup,
      }),
    ).toMatchObject({
      ok: true,
      address: "2606:4700:4700::1111",
      family: 6,
    });
  });

  it("reports a host that does not resolve, and a URL refused by the configuration check", async () => {
    const failing: LookupAll = async () => {
      throw Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" });
    };
    expect(
      await resolveDestination("https://gone.example.com/", { allowLoopback: false, lookup: failing }),
    ).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Could not resolve gone\.example\.com \(ENOTFOUND\)/),
    });
    expect(
      await resolveDestination("http://hooks.example.com/", { allowLoopback: false, lookup: answers("8.8.8.8") }),
    ).toMatchObject({
      ok: false,
    });
  });
});
