import { describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db/client";
import { orgContextFor } from "@/lib/testing/factories";
import { progressThrottle, verificationProgressResponse } from "./verification-stream";

const ctx = orgContextFor(
  { user: { id: "00000000-0000-4000-8000-000000000001", email: "ada@example.com", name: "Ada" } },
  { id: "00000000-0000-4000-8000-000000000002", slug: "acme", name: "Acme" },
);

describe("progressThrottle", () => {
  it("reports the first batch, then every 2% of the total or every 250 ms", () => {
    let now = 0;
    const due = progressThrottle({ now: () => now });
    expect(due(1000, 100_000)).toBe(true);
    expect(due(2000, 100_000)).toBe(false);
    expect(due(3000, 100_000)).toBe(true);
    now = 100;
    expect(due(3500, 100_000)).toBe(false);
    now = 400;
    expect(due(3600, 100_000)).toBe(true);
  });
});

describe("verificationProgressResponse", () => {
  it("ends with an error line, not a broken stream, when the database fails", async () => {
    const failing = { $queryRaw: () => Promise.reject(new Error("connection reset")) } as unknown as Db;
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const text = await verificationProgressResponse({ ctx, db: failing }).text();
    expect(
      text
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line)),
    ).toEqual([{ type: "error", detail: expect.stringContaining("req-test") }]);
    expect(text).not.toContain("connection reset");
    expect(error).toHaveBeenCalled();
    error.mockRestore();
  });

  it("does not start verifying before the body is read", async () => {
    const queried = vi.fn(() => Promise.reject(new Error("unused")));
    const response = verificationProgressResponse({ ctx, db: { $queryRaw: queried } as unknown as Db });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(queried).not.toHaveBeenCalled();
    await response.body!.cancel();
  });
});
