import { describe, expect, it } from "vitest";
import * as unknownPath from "@/app/api/v1/[...path]/route";
import * as keyRoute from "@/app/api/v1/api-keys/[keyId]/route";
import * as membersRoute from "@/app/api/v1/members/route";

const request = (method: string, path: string) => new Request(`http://localhost${path}`, { method });

describe("/api/v1 answers problem+json where no operation serves the request", () => {
  it("answers a method a route does not serve with 405, the methods it does in Allow", async () => {
    const response = membersRoute.DELETE(request("DELETE", "/api/v1/members"));
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD, OPTIONS, POST");
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toEqual({
      type: "about:blank",
      title: "Method not allowed",
      status: 405,
      detail: "DELETE is not supported on /api/v1/members; use GET, HEAD, OPTIONS, POST.",
      requestId: response.headers.get("x-request-id"),
    });
    // A route without GET refuses HEAD too (Next would answer it with an empty 405).
    const head = keyRoute.HEAD(request("HEAD", "/api/v1/api-keys/abc"));
    expect(head.status).toBe(405);
    expect(head.headers.get("allow")).toBe("DELETE, OPTIONS");
  });

  it("answers an unknown address with 404 problem+json, whatever the method", async () => {
    for (const [method, handler] of [
      ["GET", unknownPath.GET],
      ["POST", unknownPath.POST],
      ["OPTIONS", unknownPath.OPTIONS],
    ] as const) {
      const response = handler(request(method, "/api/v1/no-such-thing"));
      expect(response.status).toBe(404);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      expect(await response.json()).toMatchObject({
        status: 404,
        detail: expect.stringContaining("/api/v1/no-such-thing"),
      });
    }
  });
});
