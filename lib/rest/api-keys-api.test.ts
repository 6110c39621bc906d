import { beforeAll, describe, expect, it } from "vitest";
import { GET as getApiKeys, POST as postApiKey } from "@/app/api/v1/api-keys/route";
import { DELETE as deleteApiKey } from "@/app/api/v1/api-keys/[keyId]/route";
import { POST as postRoll } from "@/app/api/v1/api-keys/[keyId]/roll/route";
import { GET as getAuditEvents, POST as postAuditEvent } from "@/app/api/v1/audit-events/route";
import { GET as getMe } from "@/app/api/v1/me/route";
import { GET as getMembers } from "@/app/api/v1/members/route";
import { rollApiKey } from "@/lib/api-keys/roll-api-key";
import type { TCreateApiKey } from "@/lib/api-keys/schemas";
import type { Db } from "@/lib/db/client";
import { changeMemberRole } from "@/lib/members/change-member-role";
import { leaveOrganization, removeMember } from "@/lib/members/remove-member";
import { testDb } from "@/lib/testing/database";
import { callApi, createTestKey, type ApiCall } from "@/lib/testing/api";
import { createOwner, orgContextFor } from "@/lib/testing/factories";

let db: Db;
beforeAll(() => {
  db = testDb();
});

type Owner = Awaited<ReturnType<typeof createOwner>>;

const ALL_SCOPES = [
  "audit.read",
  "audit.ingest",
  "members.read",
  "api_keys.read",
  "api_keys.create",
  "api_keys.manage_all",
] as const;
const keyFor = (
  owner: Owner,
  input: Partial<TCreateApiKey> = {},
  role: Parameters<typeof orgContextFor>[2] = "OWNER",
  now?: Date,
) => createTestKey(db, owner, owner.org, { name: "Deploy bot", scopes: [...ALL_SCOPES], ...input }, role, now);

const deniedUses = (orgId: string, keyId: string) =>
  db.auditEntry.findMany({ where: { orgId, action: "api_key.use_denied", actorId: keyId }, orderBy: { seq: "asc" } });

describe("requests with an API key", () => {
  it("answers /me with the key's organization, scopes and effective permissions, and records last use", async () => {
    const owner = await createOwner();
    const { key, apiKey } = await keyFor(owner);
    const me = await callApi(getMe, "/me", { key });
    expect(me.status).toBe(200);
    expect(me.body.organization).toEqual({ id: owner.org.id, slug: owner.org.slug, name: owner.org.name });
    expect(me.body.key).toMatchObject({ id: apiKey.id, environment: "test", readOnly: false });
    expect(me.body.actingFor).toEqual({ userId: owner.user.id, email: owner.user.email, role: "OWNER" });
    expect(me.headers.get("ratelimit-limit")).toBe("600");
    expect(me.headers.get("ratelimit-remaining")).toBe("599");
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } });
    expect(row.lastUsedIp).toBe("127.0.0.1");
    expect(row.lastUsedAt).not.toBeNull();
  });

  it("refuses missing, malformed and unknown keys with 401 problem+json", async () => {
    const { key } = await keyFor(await createOwner());
    const missing = await callApi(getMe, "/me");
    expect(missing.status).toBe(401);
    expect(missing.headers.get("content-type")).toBe("application/problem+json");
    expect(missing.headers.get("www-authenticate")).toMatch(/^Bearer/);
    const typo = await callApi(getMe, "/me", { key: key.slice(0, -1) + (key.endsWith("a") ? "b" : "a") });
    expect(typo.status).toBe(401);
    expect(typo.body.detail).toMatch(/not a well-formed/);
    expect(typo.text).not.toContain(key.slice(8, 20));
    const unknownKey = (await import("@/lib/api-keys/key-format")).generateApiKey("live").key;
    expect((await callApi(getMe, "/me", { key: unknownKey })).body.detail).toBe("Unknown API key.");
    expect(
      (await callApi(getMe, "/me", { headers: { authorization: `Basic ${Buffer.from("a:b").toString("base64")}` } }))
        .status,
    ).toBe(401);
  });

  it("acts with its scopes intersected with the creator's current role, shrinking when the creator is demoted", async () => {
    const owner = await createOwner();
    const admin = await createOwner();
    await db.membership.create({ data: { orgId: owner.org.id, userId: admin.user.id, role: "ADMIN" } });
    const adminInOrg = { ...admin, org: owner.org };
    const { key, apiKey } = await keyFor(adminInOrg, { scopes: ["audit.read", "members.read"] }, "ADMIN");
    expect((await callApi(getAuditEvents, "/audit-events", { key })).status).toBe(200);
    // A scope it was not given: refused even though the creator holds it.
    const keys = await callApi(getApiKeys, "/api-keys", { key });
    expect(keys.status).toBe(403);
    expect(keys.body.detail).toMatch(/does not have the api_keys.read scope/);

    await db.$transaction((tx) =>
      changeMemberRole({ ctx: orgContextFor(owner, owner.org), tx, input: { userId: admin.user.id, role: "MEMBER" } }),
    );
    const afterDemotion = await callApi(getAuditEvents, "/audit-events", { key });
    expect(afterDemotion.status).toBe(403);
    expect(afterDemotion.body.detail).toMatch(/creator's role \(member\) no longer allows audit.read/);
    expect((await callApi(getMembers, "/members", { key })).status).toBe(200); // members.read: still both scope and role
    expect((await callApi(getMe, "/me", { key })).body.key.effectivePermissions).toEqual(["members.read"]);
    const denials = await deniedUses(owner.org.id, apiKey.id);
    expect(denials.map((entry) => entry.metadata)).toEqual([
      expect.objectContaining({
        reason: "missing_scope",
        permission: "api_keys.read",
        method: "GET",
        path: "/api/v1/api-keys",
      }),
      expect.objectContaining({ reason: "missing_scope", permission: "audit.read" }),
    ]);
    expect(denials.every((entry) => entry.outcome === "denied" && entry.actorType === "api_key")).toBe(true);
  });

  it("cannot mint a key stronger than itself", async () => {
    const owner = await createOwner();
    const { key } = await keyFor(owner, { scopes: ["api_keys.create", "audit.read"] });
    const stronger = await callApi(postApiKey, "/api-keys", {
      key,
      method: "POST",
      body: {
        name: "escalate",
        environment: "test",
        scopes: ["audit.read", "audit.export"],
        allowedCidrs: ["127.0.0.1"],
      },
    });
    expect(stronger.status).toBe(403);
    expect(stronger.body.errors.scopes[0]).toMatch(/audit.export/);
    const fine = await callApi(postApiKey, "/api-keys", {
      key,
      method: "POST",
      body: {
        name: "reader",
        environment: "test",
        scopes: ["audit.read"],
        readOnly: true,
        allowedCidrs: ["127.0.0.1"],
      },
    });
    expect(fine.status).toBe(201);
    expect(fine.body.key).toMatch(/^vk_test_/);
    expect(fine.body.apiKey.createdBy.id).toBe(owner.user.id);
  });

  it("lets a read-only key GET and nothing else", async () => {
    const owner = await createOwner();
    const { key, apiKey } = await keyFor(owner, { readOnly: true });
    expect((await callApi(getAuditEvents, "/audit-events", { key })).status).toBe(200);
    const post = await callApi(postAuditEvent, "/audit-events", {
      key,
      method: "POST",
      body: { action: "wallet.transfer" },
    });
    expect(post.status).toBe(403);
    expect(post.body.detail).toMatch(/read-only/);
    expect(await db.auditEntry.count({ where: { orgId: owner.org.id, action: "custom.wallet.transfer" } })).toBe(0);
    const revoke = await callApi(deleteApiKey, `/api-keys/${apiKey.id}`, {
      key,
      method: "DELETE",
      params: { keyId: apiKey.id },
    });
    expect(revoke.status).toBe(403);
    expect(
      (await deniedUses(owner.org.id, apiKey.id)).map((entry) => (entry.metadata as { reason: string }).reason),
    ).toEqual(["read_only", "read_only"]);
  });

  it("is refused outside its IP ranges: IPv4, IPv6 and IPv4-mapped IPv6 clients", async () => {
    const owner = await createOwner();
    const { key, apiKey } = await keyFor(owner, {
      environment: "live",
      allowedCidrs: ["203.0.113.0/24", "2001:db8::/32"],
    });
    expect((await callApi(getMe, "/me", { key, ip: "203.0.113.77" })).status).toBe(200);
    expect((await callApi(getMe, "/me", { key, ip: "::ffff:203.0.113.77" })).status).toBe(200);
    expect((await callApi(getMe, "/me", { key, ip: "2001:db8:42::1" })).status).toBe(200);
    const outside = await callApi(getMe, "/me", { key, ip: "198.51.100.7" });
    expect(outside.status).toBe(403);
    expect(outside.body.detail).toMatch(/may not be used from 198.51.100.7/);
    expect((await callApi(getMe, "/me", { key, ip: "2001:db9::1" })).status).toBe(403);
    expect((await callApi(getMe, "/me", { key, ip: "::ffff:198.51.100.7" })).status).toBe(403);
    const denials = await deniedUses(owner.org.id, apiKey.id);
    expect(denials.map((entry) => [(entry.metadata as { reason: string }).reason, entry.ip])).toEqual([
      ["ip_not_allowed", "198.51.100.7"],
      ["ip_not_allowed", "2001:db9::1"],
      ["ip_not_allowed", "198.51.100.7"],
    ]);
  });

  it("answers 429 with RateLimit headers and Retry-After past the per-minute limit, and records the first refusal only", async () => {
    const owner = await createOwner();
    const { key, apiKey } = await keyFor(owner, { rateLimitPerMinute: 3 });
    for (let i = 0; i < 3; i++) expect((await callApi(getMe, "/me", { key })).status).toBe(200);
    const limited = await callApi(getMe, "/me", { key });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("content-type")).toBe("application/problem+json");
    expect(limited.headers.get("ratelimit-limit")).toBe("3");
    expect(limited.headers.get("ratelimit-remaining")).toBe("0");
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await callApi(getMe, "/me", { key })).status).toBe(429);
    expect((await deniedUses(owner.org.id, apiKey.id)).map((entry) => entry.metadata)).toEqual([
      expect.objectContaining({ reason: "rate_limited", limit: 3 }),
    ]);
  });

  it("refuses expired and revoked keys with 401 and records why", async () => {
    const owner = await createOwner();
    const expired = await keyFor(owner, { expiresInDays: 1 }, "OWNER", new Date(Date.now() - 2 * 24 * 3600_000));
    const response = await callApi(getMe, "/me", { key: expired.key });
    expect(response.status).toBe(401);
    expect(response.body.detail).toMatch(/expired/);
    const revoked = await keyFor(owner);
    expect(
      (
        await callApi(deleteApiKey, `/api-keys/${revoked.apiKey.id}`, {
          key: revoked.key,
          method: "DELETE",
          params: { keyId: revoked.apiKey.id },
        })
      ).status,
    ).toBe(200);
    expect((await callApi(getMe, "/me", { key: revoked.key })).body.detail).toBe("This API key has been revoked.");
    expect((await deniedUses(owner.org.id, expired.apiKey.id))[0].metadata).toMatchObject({ reason: "expired" });
    expect((await deniedUses(owner.org.id, revoked.apiKey.id))[0].metadata).toMatchObject({ reason: "revoked" });
    expect(
      await db.auditEntry.count({
        where: { orgId: owner.org.id, action: "api_key.revoked", targetId: revoked.apiKey.id },
      }),
    ).toBe(1);
  });

  it("keeps a rolled key working through its grace period, then only the replacement works", async () => {
    const owner = await createOwner();
    const old = await keyFor(owner);
    const rolled = await callApi(postRoll, `/api-keys/${old.apiKey.id}/roll`, {
      key: old.key,
      method: "POST",
      params: { keyId: old.apiKey.id },
      body: { graceHours: 1 },
    });
    expect(rolled.status).toBe(201);
    expect(rolled.body.key).not.toBe(old.key);
    expect(rolled.body.previous.status).toBe("rolling");
    expect(rolled.body.apiKey.rolledFromId).toBe(old.apiKey.id);
    expect((await callApi(getMe, "/me", { key: old.key })).status).toBe(200);
    expect((await callApi(getMe, "/me", { key: rolled.body.key })).status).toBe(200);
    // The grace period ends: the old key stops, the new one goes on.
    await db.apiKey.update({ where: { id: old.apiKey.id }, data: { graceEndsAt: new Date(Date.now() - 1000) } });
    const after = await callApi(getMe, "/me", { key: old.key });
    expect(after.status).toBe(401);
    expect(after.body.detail).toMatch(/rolled/);
    expect((await callApi(getMe, "/me", { key: rolled.body.key })).status).toBe(200);
    // Grace 0: the old key stops at once.
    const ctx = orgContextFor(owner, owner.org);
    const again = await db.$transaction((tx) => rollApiKey(tx, ctx, { keyId: rolled.body.apiKey.id, graceHours: 0 }));
    expect((await callApi(getMe, "/me", { key: rolled.body.key })).status).toBe(401);
    expect((await callApi(getMe, "/me", { key: again.key })).status).toBe(200);
    const events = await db.auditEntry.findMany({
      where: { orgId: owner.org.id, action: "api_key.rolled" },
      orderBy: { seq: "asc" },
    });
    expect(events.map((entry) => (entry.metadata as { graceHours: number }).graceHours)).toEqual([1, 0]);
  });

  it("dies with its creator's membership: leaving or being removed revokes their keys, each recorded", async () => {
    const owner = await createOwner();
    const [leaver, removed] = [await createOwner(), await createOwner()];
    for (const person of [leaver, removed])
      await db.membership.create({ data: { orgId: owner.org.id, userId: person.user.id, role: "MEMBER" } });
    const leaverKey = await keyFor({ ...leaver, org: owner.org }, { scopes: ["members.read"] }, "MEMBER");
    const removedKey = await keyFor({ ...removed, org: owner.org }, { scopes: ["members.read"] }, "MEMBER");
    expect((await callApi(getMembers, "/members", { key: leaverKey.key })).status).toBe(200);
    await db.$transaction((tx) => leaveOrganization({ ctx: orgContextFor(leaver, owner.org, "MEMBER"), tx }));
    await db.$transaction((tx) =>
      removeMember({ ctx: orgContextFor(owner, owner.org), tx, input: { userId: removed.user.id } }),
    );
    expect((await callApi(getMembers, "/members", { key: leaverKey.key })).status).toBe(401);
    expect((await callApi(getMembers, "/members", { key: removedKey.key })).status).toBe(401);
    const autoRevoked = await db.auditEntry.findMany({
      where: { orgId: owner.org.id, action: "api_key.auto_revoked" },
      orderBy: { seq: "asc" },
    });
    expect(autoRevoked.map((entry) => [entry.targetId, (entry.metadata as { reason: string }).reason])).toEqual([
      [leaverKey.apiKey.id, "creator_left"],
      [removedKey.apiKey.id, "creator_removed"],
    ]);
  });
});

describe("ingesting the organization's own events", () => {
  it("appends a custom event to the chain with the key as actor", async () => {
    const owner = await createOwner();
    const { key, apiKey } = await keyFor(owner);
    const response = await callApi(postAuditEvent, "/audit-events", {
      key,
      method: "POST",
      body: {
        action: "wallet.transfer_approved",
        target: { type: "wallet", id: "w_42" },
        metadata: { amount: "120.00", currency: "EUR", card: "4111 1111 1111 1111" },
      },
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      category: "custom",
      action: "custom.wallet.transfer_approved",
      actor: { type: "api_key", id: apiKey.id },
      target: { type: "wallet", id: "w_42", display: null },
      ip: "127.0.0.1",
      metadata: { amount: "120.00", currency: "EUR", card: "[REDACTED]" },
    });
    expect(response.body.actor.display).toContain(apiKey.prefix);
  });

  it("records a request once per Idempotency-Key, answers the retry with the same entry, refuses the key for another body", async () => {
    const owner = await createOwner();
    const { key } = await keyFor(owner);
    const send = (body: unknown, idempotencyKey = "order-7781") =>
      callApi(postAuditEvent, "/audit-events", {
        key,
        method: "POST",
        body,
        headers: { "idempotency-key": idempotencyKey },
      });
    const first = await send({ action: "payout.sent", metadata: { order: 7781 } });
    const second = await send({ action: "payout.sent", metadata: { order: 7781 } });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(await db.auditEntry.count({ where: { orgId: owner.org.id, action: "custom.payout.sent" } })).toBe(1);
    const other = await send({ action: "payout.sent", metadata: { order: 9999 } });
    expect(other.status).toBe(422);
    expect(await db.auditEntry.count({ where: { orgId: owner.org.id, action: "custom.payout.sent" } })).toBe(1);
    // Concurrent retries with a fresh key also record once.
    const racing = await Promise.all([1, 2, 3].map(() => send({ action: "payout.retried" }, "order-7782")));
    expect(racing.map((response) => response.status)).toEqual([201, 201, 201]);
    expect(await db.auditEntry.count({ where: { orgId: owner.org.id, action: "custom.payout.retried" } })).toBe(1);
  });

  it("keeps a key's Idempotency-Key answers to that key: another key sending the same Idempotency-Key records its own event", async () => {
    const owner = await createOwner();
    const [a, b] = [await keyFor(owner, { name: "Payouts A" }), await keyFor(owner, { name: "Payouts B" })];
    const send = (key: string) =>
      callApi(postAuditEvent, "/audit-events", {
        key,
        method: "POST",
        body: { action: "payout.sent", metadata: { order: 7781 } },
        headers: { "idempotency-key": "order-7781" },
      });
    const first = await send(a.key);
    const second = await send(b.key);
    expect([first.status, second.status]).toEqual([201, 201]);
    // B is not handed A's stored answer: its own request ran, as B.
    expect(second.headers.get("idempotent-replayed")).toBeNull();
    expect(second.body.id).not.toBe(first.body.id);
    expect(second.body.actor.id).toBe(b.apiKey.id);
    expect(await db.auditEntry.count({ where: { orgId: owner.org.id, action: "custom.payout.sent" } })).toBe(2);
    // Each key's own retry still answers its own first response.
    const [retryA, retryB] = [await send(a.key), await send(b.key)];
    expect([retryA.body, retryB.body]).toEqual([first.body, second.body]);
    expect([retryA.headers.get("idempotent-replayed"), retryB.headers.get("idempotent-replayed")]).toEqual([
      "true",
      "true",
    ]);
    expect(await db.auditEntry.count({ where: { orgId: owner.org.id, action: "custom.payout.sent" } })).toBe(2);
  });

  it("answers bad input with 400 or 413 problem+json and writes nothing", async () => {
    const owner = await createOwner();
    const { key } = await keyFor(owner);
    const before = await db.auditEntry.count({ where: { orgId: owner.org.id } });
    const cases: [ApiCall, number][] = [
      [{ rawBody: "{not json" }, 400],
      [{ body: { action: "Wallet Transfer" } }, 400],
      [{ body: { action: "wallet.transfer", extra: 1 } }, 400],
      [{ body: { action: "wallet.transfer", outcome: "maybe" } }, 400],
      [{ body: { action: "wallet.transfer", metadata: "nope" } }, 400],
      [{ body: { action: "wallet.transfer", metadata: { blob: "x".repeat(70_000) } } }, 413],
      [{ body: { action: "wallet.transfer" }, headers: { "idempotency-key": "é" } }, 400],
    ];
    for (const [request, status] of cases) {
      const response = await callApi(postAuditEvent, "/audit-events", { key, method: "POST", ...request });
      expect({ request: JSON.stringify(request).slice(0, 80), status: response.status }).toEqual({
        request: JSON.stringify(request).slice(0, 80),
        status,
      });
      expect(response.headers.get("content-type")).toBe("application/problem+json");
    }
    // Only the bad-input requests' own "last used" touch happened: no audit entry, no idempotency row.
    expect(await db.auditEntry.count({ where: { orgId: owner.org.id } })).toBe(before);
    expect(await db.idempotencyKey.count({ where: { orgId: owner.org.id } })).toBe(0);
  });
});

describe("managing keys through the API", () => {
  it("refuses invalid key definitions with field errors and creates nothing", async () => {
    const owner = await createOwner();
    const { key } = await keyFor(owner, { scopes: ["api_keys.create", "audit.read"] });
    const base = { name: "ci", environment: "test", scopes: ["audit.read"] };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, scopes: ["audit.read", "audit.everything"] }, "scopes.1"],
      [{ ...base, scopes: [] }, "scopes"],
      [{ ...base, environment: "live" }, "allowedCidrs"],
      [{ ...base, environment: "live", allowedCidrs: ["10.0.0.0/8", "10.0.0.300/32"] }, "allowedCidrs.1"],
      [{ ...base, expiresInDays: 0 }, "expiresInDays"],
      [{ ...base, expiresInDays: 367 }, "expiresInDays"],
      [{ ...base, rateLimitPerMinute: -5 }, "rateLimitPerMinute"],
      [{ ...base, name: "" }, "name"],
    ];
    const before = await db.apiKey.count({ where: { orgId: owner.org.id } });
    for (const [body, field] of cases) {
      const response = await callApi(postApiKey, "/api-keys", { key, method: "POST", body });
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
      expect(Object.keys(response.body.errors)).toContain(field);
    }
    expect(await db.apiKey.count({ where: { orgId: owner.org.id } })).toBe(before);
  });

  it("shows admins every key and members their own", async () => {
    const owner = await createOwner();
    const member = await createOwner();
    await db.membership.create({ data: { orgId: owner.org.id, userId: member.user.id, role: "MEMBER" } });
    const ownerKey = await keyFor(owner);
    const memberKey = await keyFor(
      { ...member, org: owner.org },
      { scopes: ["api_keys.read", "api_keys.create"] },
      "MEMBER",
    );
    const seenByOwner = await callApi(getApiKeys, "/api-keys", { key: ownerKey.key });
    expect(seenByOwner.body.data.map((row: { id: string }) => row.id).sort()).toEqual(
      [ownerKey.apiKey.id, memberKey.apiKey.id].sort(),
    );
    const seenByMember = await callApi(getApiKeys, "/api-keys", { key: memberKey.key });
    expect(seenByMember.body.data.map((row: { id: string }) => row.id)).toEqual([memberKey.apiKey.id]);
    expect(seenByOwner.text).not.toMatch(/keyHash|key_hash/);
    // A member's key cannot revoke the owner's key: 404, recorded.
    const attempt = await callApi(deleteApiKey, `/api-keys/${ownerKey.apiKey.id}`, {
      key: memberKey.key,
      method: "DELETE",
      params: { keyId: ownerKey.apiKey.id },
    });
    expect(attempt.status).toBe(404);
    expect((await callApi(getMe, "/me", { key: ownerKey.key })).status).toBe(200);
  });
});

describe("tenant isolation of /api/v1", () => {
  it("answers a key of organization B asking for organization A's objects with 404, flagged in A's trail", async () => {
    const victim = await createOwner();
    const attacker = await createOwner();
    const victimKey = await keyFor(victim);
    const { key, apiKey } = await keyFor(attacker);
    for (const [handler, path, method] of [
      [deleteApiKey, `/api-keys/${victimKey.apiKey.id}`, "DELETE"],
      [postRoll, `/api-keys/${victimKey.apiKey.id}/roll`, "POST"],
    ] as const) {
      const response = await callApi(handler, path, {
        key,
        method,
        params: { keyId: victimKey.apiKey.id },
        ...(method === "POST" ? { body: {} } : {}),
      });
      expect(response.status).toBe(404);
      expect(response.text).not.toContain(victim.org.name);
    }
    expect((await callApi(getMe, "/me", { key: victimKey.key })).status).toBe(200);
    const flagged = await db.auditEntry.findMany({
      where: { orgId: victim.org.id, action: "access.denied", actorId: apiKey.id },
    });
    expect(flagged).toHaveLength(2);
    for (const entry of flagged) expect(entry.metadata).toMatchObject({ crossTenant: true, reason: "foreign_api_key" });
    // Lists only ever show the key's own organization.
    const events = await callApi(getAuditEvents, "/audit-events", { key, query: "?limit=200" });
    expect(events.body.data.every((entry: { id: string }) => entry.id)).toBe(true);
    const victimEntryIds = new Set(
      (await db.auditEntry.findMany({ where: { orgId: victim.org.id }, select: { id: true } })).map((row) => row.id),
    );
    expect(events.body.data.some((entry: { id: string }) => victimEntryIds.has(entry.id))).toBe(false);
    const members = await callApi(getMembers, "/members", { key });
    expect(members.body.data.map((row: { email: string }) => row.email)).toEqual([attacker.user.email]);
  });

  it("refuses a cursor from another organization's results", async () => {
    const [a, b] = [await createOwner(), await createOwner()];
    const [keyA, keyB] = [await keyFor(a), await keyFor(b)];
    for (let i = 0; i < 3; i++)
      await callApi(postAuditEvent, "/audit-events", {
        key: keyA.key,
        method: "POST",
        body: { action: "page.filler" },
      });
    const first = await callApi(getAuditEvents, "/audit-events", { key: keyA.key, query: "?limit=2" });
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await callApi(getAuditEvents, "/audit-events", {
      key: keyA.key,
      query: `?limit=2&cursor=${first.body.nextCursor}`,
    });
    expect(second.status).toBe(200);
    expect(Number(second.body.data[0].seq)).toBeLessThan(Number(first.body.data[1].seq));
    const foreign = await callApi(getAuditEvents, "/audit-events", {
      key: keyB.key,
      query: `?cursor=${first.body.nextCursor}`,
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.detail).toMatch(/another organization/);
    expect((await callApi(getAuditEvents, "/audit-events", { key: keyB.key, query: "?cursor=bm9wZQ" })).status).toBe(
      400,
    );
    expect((await callApi(getAuditEvents, "/audit-events", { key: keyB.key, query: "?since=yesterday" })).status).toBe(
      400,
    );
    expect((await callApi(getAuditEvents, "/audit-events", { key: keyB.key, query: "?colour=red" })).status).toBe(400);
  });
});

describe("secrets at rest", () => {
  it("stores no API key in clear anywhere in the database", async () => {
    const owner = await createOwner();
    const { key, apiKey } = await keyFor(owner, { name: "scan me" });
    const rolled = await db.$transaction((tx) =>
      rollApiKey(tx, orgContextFor(owner, owner.org), { keyId: apiKey.id, graceHours: 1 }),
    );
    await callApi(getMe, "/me", { key: rolled.key });
    await callApi(postAuditEvent, "/audit-events", {
      key: rolled.key,
      method: "POST",
      body: { action: "leak.attempt", metadata: { note: `my key is ${rolled.key}` } },
      headers: { "idempotency-key": "scan" },
    });
    const columns = await db.$queryRaw<{ table_name: string; column_name: string }[]>`
      SELECT table_name, column_name FROM information_schema.columns
       WHERE table_schema = current_schema() AND data_type IN ('text', 'character', 'character varying', 'jsonb', 'json', 'ARRAY')`;
    expect(columns.length).toBeGreaterThan(20);
    for (const secret of [key, rolled.key, key.slice(8, 30), rolled.key.slice(8, 30)]) {
      for (const { table_name, column_name } of columns) {
        const [{ hits }] = await db.$queryRawUnsafe<{ hits: number }[]>(
          `SELECT count(*)::int AS hits FROM "${table_name}" WHERE "${column_name}"::text LIKE '%' || $1 || '%'`,
          secret,
        );
        expect({ table_name, column_name, hits }).toEqual({ table_name, column_name, hits: 0 });
      }
    }
  });
});
