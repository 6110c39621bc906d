import { beforeAll, describe, expect, it } from "vitest";
import { GET as getRetentionPolicy } from "@/app/api/v1/retention-policy/route";
import type { Db } from "@/lib/db/client";
import { callApi, createTestKey } from "@/lib/testing/api";
import { testDb } from "@/lib/testing/database";
import { createOwner } from "@/lib/testing/factories";

let db: Db;
beforeAll(() => {
  db = testDb();
});

describe("GET /api/v1/retention-policy", () => {
  it("answers the organization's own policy (the defaults until an owner sets one) to a key with audit.read", async () => {
    const owner = await createOwner();
    const other = await createOwner();
    await db.retentionPolicy.create({ data: { orgId: other.org.id, retentionDays: null, hotWindowDays: 90 } });
    const { key } = await createTestKey(db, owner, owner.org, { name: "SIEM", scopes: ["audit.read"], readOnly: true });
    const before = await callApi(getRetentionPolicy, "/retention-policy", { key });
    expect(before.status).toBe(200);
    expect(before.body).toEqual({ retentionDays: 2557, hotWindowDays: 400 });

    await db.retentionPolicy.create({ data: { orgId: owner.org.id, retentionDays: 3653, hotWindowDays: 500 } });
    expect((await callApi(getRetentionPolicy, "/retention-policy", { key })).body).toEqual({
      retentionDays: 3653,
      hotWindowDays: 500,
    });
  });

  it("refuses a key without audit.read (403, problem+json) and one without a key (401)", async () => {
    const owner = await createOwner();
    const { key } = await createTestKey(db, owner, owner.org, { name: "Members", scopes: ["members.read"] });
    const refused = await callApi(getRetentionPolicy, "/retention-policy", { key });
    expect(refused.status).toBe(403);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect((await callApi(getRetentionPolicy, "/retention-policy")).status).toBe(401);
  });
});
