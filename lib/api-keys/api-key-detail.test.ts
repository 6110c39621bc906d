import { beforeAll, describe, expect, it } from "vitest";
import { GET as getApiKeys } from "@/app/api/v1/api-keys/route";
import { GET as getMe } from "@/app/api/v1/me/route";
import { GET as getMembers } from "@/app/api/v1/members/route";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { callApi, createTestKey } from "@/lib/testing/api";
import { testDb } from "@/lib/testing/database";
import { createOwner, orgContextFor } from "@/lib/testing/factories";
import { loadApiKeyDetail, REQUEST_LOG_DAYS } from "./api-key-detail";
import { renameApiKey } from "./rename-api-key";
import { rollApiKey } from "./roll-api-key";

let db: Db;
beforeAll(() => {
  db = testDb();
});

type Owner = Awaited<ReturnType<typeof createOwner>>;
const detailOf = (owner: Owner, keyId: string, role: "OWNER" | "MEMBER" = "OWNER") =>
  db.$transaction((tx) => loadApiKeyDetail(tx, orgContextFor(owner, owner.org, role), keyId));

describe("an API key's request log and detail page", () => {
  it("logs each request of the key, refused ones included, with path (no query), status and address", async () => {
    const owner = await createOwner();
    const { key, apiKey } = await createTestKey(db, owner, owner.org, { scopes: ["api_keys.read"] });
    expect((await callApi(getMe, "/me", { key, ip: "127.0.0.9" })).status).toBe(200);
    const listed = await callApi(getApiKeys, "/api-keys", { key, query: "?secret-ish=tok_123" });
    expect(listed.status).toBe(200);
    // No members.read scope: refused (403), and still in the key's log.
    expect((await callApi(getMembers, "/members", { key })).status).toBe(403);

    const detail = await detailOf(owner, apiKey.id);
    expect(detail.recentRequests.map(({ method, path, status }) => `${method} ${path} ${status}`)).toEqual([
      "GET /api/v1/members 403",
      "GET /api/v1/api-keys 200",
      "GET /api/v1/me 200",
    ]);
    expect(detail.recentRequests.at(-1)?.ip).toBe("127.0.0.9");
    expect(JSON.stringify(detail.recentRequests)).not.toContain("tok_123");
    expect(detail.apiKey.lastUsedIp).toBe("127.0.0.9");
    // The chart: a day per day of retention, today last, with today's three requests and one error.
    expect(detail.usage).toHaveLength(REQUEST_LOG_DAYS);
    expect(detail.usage.at(-1)).toEqual({ day: new Date().toISOString().slice(0, 10), requests: 3, errors: 1 });
    expect(detail.usage.slice(0, -1).every((day) => day.requests === 0)).toBe(true);
  });

  it("logs nothing for an unknown key, and another key's requests stay on that key's page", async () => {
    const owner = await createOwner();
    const first = await createTestKey(db, owner, owner.org, { scopes: ["api_keys.read"] });
    const second = await createTestKey(db, owner, owner.org, { scopes: ["api_keys.read"] });
    const unknown = (await import("./key-format")).generateApiKey("test").key;
    expect((await callApi(getMe, "/me", { key: unknown })).status).toBe(401);
    await callApi(getMe, "/me", { key: second.key });
    expect((await detailOf(owner, first.apiKey.id)).recentRequests).toEqual([]);
    expect((await detailOf(owner, second.apiKey.id)).recentRequests).toHaveLength(1);
  });

  it("links a rolled key to its replacement and back", async () => {
    const owner = await createOwner();
    const { apiKey } = await createTestKey(db, owner, owner.org, { name: "CI", scopes: ["audit.read"] });
    const rolled = await db.$transaction((tx) =>
      rollApiKey(tx, orgContextFor(owner, owner.org), { keyId: apiKey.id, graceHours: 1 }),
    );
    const old = await detailOf(owner, apiKey.id);
    expect(old.rolledTo).toMatchObject({ id: rolled.apiKey.id, name: "CI" });
    expect(old.rolledFrom).toBeNull();
    const replacement = await detailOf(owner, rolled.apiKey.id);
    expect(replacement.rolledFrom).toMatchObject({ id: apiKey.id });
    expect(replacement.rolledTo).toBeNull();
  });

  it("answers 404 for another organization's key (recorded as cross-tenant) and for a colleague's key", async () => {
    const owner = await createOwner();
    const other = await createOwner();
    const { apiKey } = await createTestKey(db, other, other.org, { scopes: ["audit.read"] });
    const foreign = await detailOf(owner, apiKey.id).catch((error: unknown) => error);
    expect(foreign).toBeInstanceOf(AppError);
    expect((foreign as AppError).code).toBe("not_found");
    expect((foreign as AppError).denial).toMatchObject({ crossTenant: true, targetOrgId: other.org.id });

    await db.membership.create({ data: { orgId: other.org.id, userId: owner.user.id, role: "MEMBER" } });
    const colleague = { ...owner, org: other.org };
    const mine = await detailOf(colleague, apiKey.id, "MEMBER").catch((error: unknown) => error);
    expect((mine as AppError).code).toBe("not_found");
  });
});

describe("renaming an API key", () => {
  it("changes only the name, recorded with the old and new names; the same name again records nothing", async () => {
    const owner = await createOwner();
    const { apiKey } = await createTestKey(db, owner, owner.org, { name: "Old name", scopes: ["audit.read"] });
    const ctx = orgContextFor(owner, owner.org);
    const renamed = await db.$transaction((tx) => renameApiKey(tx, ctx, { keyId: apiKey.id, name: "  Deploy bot " }));
    expect(renamed).toMatchObject({ name: "Deploy bot", scopes: ["audit.read"], expiresAt: apiKey.expiresAt });
    await db.$transaction((tx) => renameApiKey(tx, ctx, { keyId: apiKey.id, name: "Deploy bot" }));
    const entries = await db.auditEntry.findMany({
      where: { orgId: owner.org.id, action: "api_key.renamed", targetId: apiKey.id },
    });
    expect(entries.map((entry) => entry.metadata)).toEqual([{ from: "Old name", to: "Deploy bot" }]);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } })).name).toBe("Deploy bot");
  });

  it("refuses an empty name with a field error and a colleague's key without manage_all, changing nothing", async () => {
    const owner = await createOwner();
    const { apiKey } = await createTestKey(db, owner, owner.org, { name: "Mine", scopes: ["audit.read"] });
    const empty = await db
      .$transaction((tx) => renameApiKey(tx, orgContextFor(owner, owner.org), { keyId: apiKey.id, name: "  " }))
      .catch((error: unknown) => error);
    expect(empty).toMatchObject({ name: "ZodError" });
    const member = await createOwner();
    await db.membership.create({ data: { orgId: owner.org.id, userId: member.user.id, role: "MEMBER" } });
    const memberCtx = orgContextFor(member, owner.org, "MEMBER");
    const refused = await db
      .$transaction((tx) => renameApiKey(tx, memberCtx, { keyId: apiKey.id, name: "Taken over" }))
      .catch((error: unknown) => error);
    expect((refused as AppError).code).toBe("not_found");
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } })).name).toBe("Mine");
  });
});
