import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db/client";
import { createTestKey } from "@/lib/testing/api";
import { testDb } from "@/lib/testing/database";
import { createOwner } from "@/lib/testing/factories";
import { recordRefusedKeyRequest, REFUSED_LOG_PER_MINUTE } from "./record-key-request";

let db: Db;
beforeAll(() => {
  db = testDb();
});

describe("the request log of a refused key", () => {
  it("logs at most 20 refused requests per key and minute, then again the next minute", async () => {
    const owner = await createOwner();
    const { apiKey } = await createTestKey(db, owner, owner.org, { scopes: ["audit.read"] });
    const line = {
      orgId: owner.org.id,
      keyId: apiKey.id,
      method: "GET",
      path: "/api/v1/me",
      status: 401,
      ip: "127.0.0.1",
    };
    const minute = Math.floor(Date.now() / 60_000) * 60_000;
    const written = Array.from({ length: 25 }, (_, i) => recordRefusedKeyRequest(db, line, minute + i));
    expect(written.filter(Boolean)).toHaveLength(REFUSED_LOG_PER_MINUTE);
    expect(written.slice(REFUSED_LOG_PER_MINUTE)).toEqual([false, false, false, false, false]);
    // Another key is counted on its own.
    const other = (await createTestKey(db, owner, owner.org, { scopes: ["audit.read"] })).apiKey;
    expect(recordRefusedKeyRequest(db, { ...line, keyId: other.id }, minute + 30)).toBe(true);
    expect(recordRefusedKeyRequest(db, line, minute + 60_000)).toBe(true);
    // The writes were not awaited by the caller; they land shortly after.
    await vi.waitFor(async () => expect(await db.apiKeyRequest.count({ where: { keyId: apiKey.id } })).toBe(21), {
      timeout: 10_000,
    });
  });
});
