import { describe, expect, it } from "vitest";
import { canonicalCidr } from "./ip-ranges";
import { generateApiKey, hashApiKey, parseApiKey } from "./key-format";

describe("the API key format", () => {
  it("is vk_live_/vk_test_, 22 base62 characters of randomness and a 6-character checksum", () => {
    for (const environment of ["live", "test"] as const) {
      const { key, keyHash, prefix, last4 } = generateApiKey(environment);
      expect(key).toMatch(new RegExp(`^vk_${environment}_[0-9A-Za-z]{28}$`));
      expect(parseApiKey(key)).toEqual({ environment });
      expect(keyHash).toBe(hashApiKey(key));
      expect(keyHash).toMatch(/^[0-9a-f]{64}$/);
      expect(prefix).toBe(key.slice(0, 12));
      expect(last4).toBe(key.slice(-4));
    }
  });

  it("never repeats (128 random bits)", () => {
    const keys = new Set(Array.from({ length: 2000 }, () => generateApiKey("test").key));
    expect(keys.size).toBe(2000);
  });

  it("rejects typos, truncations and foreign prefixes by checksum, before any lookup", () => {
    const { key } = generateApiKey("live");
    const flip = (at: number) => key.slice(0, at) + (key[at] === "a" ? "b" : "a") + key.slice(at + 1);
    for (const at of [8, 15, 29, 30, 35]) expect(parseApiKey(flip(at))).toBeNull();
    expect(parseApiKey(key.slice(0, -1))).toBeNull();
    expect(parseApiKey(`${key}x`)).toBeNull();
    expect(parseApiKey(key.replace("vk_live_", "vk_prod_"))).toBeNull();
    expect(parseApiKey(key.replace("vk_live_", "vk_test_"))).toBeNull(); // the checksum covers the environment
    expect(parseApiKey("")).toBeNull();
    expect(parseApiKey("vk_live_" + "!".repeat(28))).toBeNull();
  });
});

describe("IP ranges", () => {
  it("canonicalises IPv4, IPv6 and IPv4-mapped ranges, and single addresses as host ranges", () => {
    expect(canonicalCidr("203.0.113.0/24")).toBe("203.0.113.0/24");
    expect(canonicalCidr(" 127.0.0.1 ")).toBe("127.0.0.1/32");
    expect(canonicalCidr("2001:DB8::/32")).toBe("2001:db8::/32");
    expect(canonicalCidr("::1")).toBe("::1/128");
    expect(canonicalCidr("::ffff:10.0.0.0/104")).toBe("10.0.0.0/8");
  });

  it("refuses what is not a range, and host bits that betray a typo", () => {
    for (const bad of [
      "",
      "10.0.0.0/33",
      "10.0.0.1/8",
      "2001:db8::1/32",
      "300.1.1.1",
      "10.0.0.0/",
      "/24",
      "example.com",
      "10.0.0.0/8/8",
      "fe80::1%eth0",
    ]) {
      expect(canonicalCidr(bad), bad).toBeNull();
    }
  });
});
