import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db/client";
import { createTestKey } from "@/lib/testing/api";
import { testDb } from "@/lib/testing/database";
import { createOwner } from "@/lib/testing/factories";
import { recordKeyRequest, recordRefusedKeyRequest, REFUSED_LOG_PER_MINUTE } from "./record-key-request";

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

describe("the request log of requests answered at the same moment", () => {
  it("writes every line with its own fields, and a line that cannot be written loses no other", async () => {
    const owner = await createOwner();
    const { apiKey } = await createTestKey(db, owner, owner.org, { scopes: ["audit.read"] });
    const at = new Date("2026-12-07T10:00:00.123Z");
    const lines = Array.from({ length: 30 }, (_, i) => ({
      orgId: owner.org.id,
      keyId: apiKey.id,
      method: i % 2 ? "post" : "GET",
      path: `/api/v1/audit-events/${i}`,
      status: 200 + i,
      ip: i % 3 ? `10.0.0.${i}` : "not an address",
      at: new Date(at.getTime() + i),
    }));
    // A line of a key that does not exist (its foreign key refuses it), amid the others.
    const unknownKey = { ...lines[0], keyId: "00000000-0000-4000-8000-000000000000", path: "/api/v1/lost" };
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    await Promise.all(
      [...lines.slice(0, 15), unknownKey, ...lines.slice(15)].map((line) => recordKeyRequest(db, line)),
    );
    const logged = errors.mock.calls.map((call) => String(call[0]));
    errors.mockRestore();
    const rows = await db.apiKeyRequest.findMany({ where: { keyId: apiKey.id }, orderBy: { status: "asc" } });
    expect(rows.map(({ method, path, status, ip, at: when }) => ({ method, path, status, ip, at: when }))).toEqual(
      lines.map((line, i) => ({
        method: i % 2 ? "POST" : "GET",
        path: line.path,
        status: line.status,
        ip: i % 3 ? line.ip : null,
        at: line.at,
      })),
    );
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain("00000000-0000-4000-8000-000000000000");
  });
});
