import pg from "pg";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { connectDb, type Db } from "@/lib/db/client";
import { checkHealth, HEALTH_CACHE_MS } from "@/lib/db/health";
import { testDb } from "@/lib/testing/database";
import { requestWith } from "@/lib/testing/sessions";
import packageJson from "@/package.json";

let db: Db;
beforeAll(() => {
  db = testDb();
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  delete process.env.VERITY_HEALTH_TOKEN;
});

/** Moves the clock past the cached answer, so the next call asks the database again. */
let clock = Date.now();
function nextPeriod() {
  clock += HEALTH_CACHE_MS + 1;
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(clock);
}

const get = (headers: Record<string, string> = {}) => health(requestWith("/api/health", { headers }));

describe("GET /api/health", () => {
  it("tells anyone only whether the panel is up: 200 {status: ok}, no store", async () => {
    nextPeriod();
    const response = await get();
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("gives the migrations and the version only to a caller with VERITY_HEALTH_TOKEN", async () => {
    process.env.VERITY_HEALTH_TOKEN = "health-token-for-the-monitor";
    const details = await (await get({ authorization: "Bearer health-token-for-the-monitor" })).json();
    expect(details).toMatchObject({
      status: "ok",
      database: { reachable: true },
      migrations: { pending: [], problems: [] },
      version: packageJson.version,
    });
    expect(details.migrations.applied).toBeGreaterThan(0);
    for (const authorization of ["Bearer wrong-token", "health-token-for-the-monitor", "Basic aGVhbHRoOnRva2Vu", ""]) {
      expect(await (await get({ authorization })).json()).toEqual({ status: "ok" });
    }
    delete process.env.VERITY_HEALTH_TOKEN;
    // Without the variable nobody reads the details, whatever they send.
    expect(await (await get({ authorization: "Bearer " })).json()).toEqual({ status: "ok" });
  });

  it("answers 30 concurrent calls from the shared pool, with one probe between them", async () => {
    nextPeriod();
    const connects = vi.spyOn(pg.Client.prototype, "connect");
    const responses = await Promise.all(Array.from({ length: 30 }, () => get()));
    expect(responses.map((response) => response.status)).toEqual(Array(30).fill(200));
    // The pool may open one connection for the probe if none is idle; a client per call would be 30.
    expect(connects.mock.calls.length).toBeLessThanOrEqual(1);
  });

  it("reuses one answer for HEALTH_CACHE_MS, then asks the database again", () => {
    const start = clock + 60_000;
    const first = checkHealth(start);
    expect(checkHealth(start + HEALTH_CACHE_MS - 1)).toBe(first);
    expect(checkHealth(start + HEALTH_CACHE_MS)).not.toBe(first);
  });

  it("answers 503 without details or the connection string when the database cannot be reached", async () => {
    const globalForDb = globalThis as unknown as { verityDb?: Db };
    const unreachable = connectDb("postgresql://verity:hunter2-secret@127.0.0.1:1/nowhere");
    globalForDb.verityDb = unreachable;
    vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      nextPeriod();
      const response = await get();
      expect(response.status).toBe(503);
      const text = await response.text();
      expect(JSON.parse(text)).toEqual({ status: "unavailable" });
      process.env.VERITY_HEALTH_TOKEN = "health-token-for-the-monitor";
      const details = await (await get({ authorization: "Bearer health-token-for-the-monitor" })).text();
      expect(JSON.parse(details)).toMatchObject({ status: "down", database: { reachable: false }, migrations: null });
      expect(details).not.toContain("hunter2");
    } finally {
      globalForDb.verityDb = db;
      await unreachable.$disconnect();
      nextPeriod();
    }
  });
});
