import { afterEach, describe, expect, it } from "vitest";
import { requestContextFrom } from "./request-context";

const headers = (values: Record<string, string>) => new Headers(values);

describe("request context", () => {
  afterEach(() => {
    delete process.env.VERITY_TRUSTED_PROXIES;
  });

  it("uses the socket peer and ignores forwarding headers from an untrusted peer", () => {
    const ctx = requestContextFrom(
      headers({
        "x-verity-peer-ip": "203.0.113.9",
        "x-forwarded-for": "1.2.3.4",
        "cf-ipcountry": "FR",
        "x-request-id": "spoofed",
      }),
    );
    expect(ctx.ip).toBe("203.0.113.9");
    expect(ctx.geo).toBeNull();
    expect(ctx.requestId).not.toBe("spoofed");
  });

  it("believes X-Forwarded-For, geo and request id behind a trusted proxy, taking the right-most untrusted hop", () => {
    process.env.VERITY_TRUSTED_PROXIES = "10.0.0.0/8, 192.0.2.1";
    const ctx = requestContextFrom(
      headers({
        "x-verity-peer-ip": "10.1.2.3",
        "x-forwarded-for": "6.6.6.6, 198.51.100.4, 192.0.2.1",
        "cf-ipcountry": "FR",
        "x-vercel-ip-city": "S%C3%A3o%20Paulo",
        "x-request-id": "lb-123",
      }),
    );
    expect(ctx.ip).toBe("198.51.100.4");
    expect(ctx.geo).toEqual({ country: "FR", region: null, city: "São Paulo" });
    expect(ctx.requestId).toBe("lb-123");
  });

  it("normalises IPv4-mapped IPv6 peers and strips control characters from the user agent", () => {
    const ctx = requestContextFrom(headers({ "x-verity-peer-ip": "::ffff:127.0.0.1", "user-agent": "curl/8\u0007" }));
    expect(ctx.ip).toBe("127.0.0.1");
    expect(ctx.userAgent).toBe("curl/8");
  });
});
