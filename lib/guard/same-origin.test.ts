import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { assertSameOrigin } from "./same-origin";

/**
 * A state-changing request as Next hands it to a route handler. Next does not build its URL from the address the
 * browser used: it takes the host and port the server listens on (HOST, PORT), and NextRequest then writes any
 * loopback address (127.0.0.1, [::1]) as "localhost". The browser's address is in the Host header.
 */
function post(nextUrl: string, headers: Record<string, string>) {
  return new NextRequest(nextUrl, { method: "POST", headers });
}

const refusal = "Cross-site requests are not accepted.";

describe("assertSameOrigin", () => {
  it("accepts the panel's own pages at the address `verity start` prints (http://127.0.0.1:<port>)", () => {
    const request = post("http://127.0.0.1:3107/api/orgs/acme/audit-entries/verify", {
      host: "127.0.0.1:3107",
      origin: "http://127.0.0.1:3107",
    });
    expect(new URL(request.url).host).toBe("localhost:3107"); // what Next makes of the listening address
    expect(() => assertSameOrigin(request)).not.toThrow();
  });

  it("accepts the panel's own pages at http://localhost:<port>, on the same server", () => {
    const request = post("http://127.0.0.1:3107/api/orgs/acme/audit-entries/verify", {
      host: "localhost:3107",
      origin: "http://localhost:3107",
    });
    expect(() => assertSameOrigin(request)).not.toThrow();
  });

  it("accepts the public address a trusted proxy forwards, whatever address the server listens on", () => {
    // The web server keeps X-Forwarded-Host only from VERITY_TRUSTED_PROXIES (lib/server/transport.mjs).
    const request = post("http://0.0.0.0:3000/api/orgs/acme/audit-entries/verify", {
      host: "10.0.0.7:3000",
      "x-forwarded-host": "panel.example.com",
      origin: "https://panel.example.com",
    });
    expect(() => assertSameOrigin(request)).not.toThrow();
  });

  it.each([
    ["another site", "https://evil.example"],
    ["another site on the same loopback address, another port", "http://127.0.0.1:8080"],
    ["the other loopback spelling: a different origin, with its own cookies", "http://localhost:3107"],
    ["a sandboxed frame or file: page", "null"],
    ["a malformed Origin", "::not a url::"],
  ])("refuses a request from %s", (_label, origin) => {
    const request = post("http://127.0.0.1:3107/api/orgs/acme/audit-entries/verify", {
      host: "127.0.0.1:3107",
      origin,
    });
    expect(() => assertSameOrigin(request)).toThrow(refusal);
  });

  it("refuses a browser's cross-site request that carries no Origin, and lets GET through", () => {
    const url = "http://127.0.0.1:3107/api/orgs/acme/audit-entries/verify";
    expect(() => assertSameOrigin(post(url, { host: "127.0.0.1:3107", "sec-fetch-site": "cross-site" }))).toThrow(
      refusal,
    );
    const read = new NextRequest(url, { headers: { host: "127.0.0.1:3107", origin: "https://evil.example" } });
    expect(() => assertSameOrigin(read)).not.toThrow();
  });
});
