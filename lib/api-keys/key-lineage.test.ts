import { beforeAll, describe, expect, it } from "vitest";
import { POST as postApiKey } from "@/app/api/v1/api-keys/route";
import { POST as postRoll } from "@/app/api/v1/api-keys/[keyId]/roll/route";
import { GET as getAuditEvents, POST as postAuditEvent } from "@/app/api/v1/audit-events/route";
import { GET as getMe } from "@/app/api/v1/me/route";
import type { Db } from "@/lib/db/client";
import { callApi, createTestKey } from "@/lib/testing/api";
import { testDb } from "@/lib/testing/database";
import { createOwner, orgContextFor } from "@/lib/testing/factories";
import { isPinned, isTooWide, rangeWithin } from "./ip-ranges";
import { listApiKeys } from "./list-api-keys";
import { revokeApiKey } from "./revoke-api-key";
import { rollApiKey } from "./roll-api-key";
import type { TCreateApiKey } from "./schemas";

let db: Db;
beforeAll(() => {
  db = testDb();
});

type Owner = Awaited<ReturnType<typeof createOwner>>;
const DAY_MS = 24 * 60 * 60 * 1000;
const createWith = (key: string, body: Record<string, unknown>) =>
  callApi(postApiKey, "/api-keys", { key, method: "POST", body });
const child = (body: Partial<TCreateApiKey> = {}) => ({
  name: "child",
  environment: "test",
  scopes: ["audit.read"],
  allowedCidrs: ["127.0.0.1"],
  ...body,
});
const parentOf = (owner: Owner, input: Partial<TCreateApiKey> = {}) =>
  createTestKey(db, owner, owner.org, {
    name: "parent",
    environment: "live",
    allowedCidrs: ["127.0.0.1/32"],
    scopes: ["api_keys.create", "audit.read", "audit.ingest"],
    ...input,
  });

describe("a key created by a key is never broader than its parent", () => {
  it("refuses the pin, lifetime and rate escape: an unpinned, 366-day, 10,000/minute child of a pinned, 1-day, 5/minute key", async () => {
    const owner = await createOwner();
    const parent = await parentOf(owner, { expiresInDays: 1, rateLimitPerMinute: 5 });
    const escape = await createWith(parent.key, {
      name: "escape",
      environment: "test",
      scopes: ["audit.read", "audit.ingest"],
      readOnly: true,
      expiresInDays: 366,
      rateLimitPerMinute: 10_000,
    });
    expect(escape.status).toBe(403);
    expect(Object.keys(escape.body.errors).sort()).toEqual(["allowedCidrs", "expiresInDays", "rateLimitPerMinute"]);
    expect(escape.body.errors.expiresInDays[0]).toMatch(/^At most 1 day: a key cannot create a key that outlives it/);
    expect(escape.body.errors.rateLimitPerMinute[0]).toBe(
      "At most 5 requests a minute: the limit of the key creating it.",
    );
    expect(await db.apiKey.count({ where: { orgId: owner.org.id } })).toBe(1);
    const denial = await db.auditEntry.findFirstOrThrow({
      where: { orgId: owner.org.id, action: "access.denied", actorId: parent.apiKey.id },
    });
    expect(denial.metadata).toMatchObject({ reason: "broader_than_creator", permission: "api_keys.create" });
  });

  it("names each field a child asks beyond its parent, and creates a child within it that dies no later", async () => {
    const owner = await createOwner();
    const parent = await parentOf(owner, {
      allowedCidrs: ["127.0.0.0/24", "2001:db8::/48"],
      expiresInDays: 10,
      rateLimitPerMinute: 50,
    });
    // Omitted, a lifetime and a rate take the defaults (90 days, 600 a minute), beyond this parent: say them.
    const within = (body: Partial<TCreateApiKey>) => child({ expiresInDays: 10, rateLimitPerMinute: 50, ...body });
    const cases: [Record<string, unknown>, number, string][] = [
      [within({ allowedCidrs: [], readOnly: true }), 403, "allowedCidrs"],
      [within({ allowedCidrs: ["10.0.0.0/8"] }), 403, "allowedCidrs.0"],
      [within({ allowedCidrs: ["127.0.0.1", "127.0.0.0/16"] }), 403, "allowedCidrs.1"],
      [within({ allowedCidrs: ["2001:db8::/32"] }), 403, "allowedCidrs.0"],
      [within({ expiresInDays: 11 }), 403, "expiresInDays"],
      [within({ rateLimitPerMinute: 51 }), 403, "rateLimitPerMinute"],
      [within({ scopes: ["audit.read", "audit.export"] }), 403, "scopes"],
      [within({ environment: "live", allowedCidrs: ["0.0.0.0/0"] }), 400, "allowedCidrs.0"],
    ];
    for (const [body, status, field] of cases) {
      const response = await createWith(parent.key, body);
      expect({ body, status: response.status, fields: Object.keys(response.body.errors ?? {}) }).toEqual({
        body,
        status,
        fields: [field],
      });
    }
    expect(await db.apiKey.count({ where: { orgId: owner.org.id } })).toBe(1);

    const made = await createWith(
      parent.key,
      child({
        allowedCidrs: ["127.0.0.7", "2001:db8:0:1::/64"],
        expiresInDays: 10,
        rateLimitPerMinute: 50,
        scopes: ["audit.read"],
      }),
    );
    expect(made.status).toBe(201);
    expect(made.body.apiKey).toMatchObject({
      createdByKeyId: parent.apiKey.id,
      createdBy: { id: owner.user.id },
      rateLimitPerMinute: 50,
    });
    // Ten days asked, and ten days are what the parent has left, give or take the milliseconds since: it ends with the parent.
    expect(new Date(made.body.apiKey.expiresAt).getTime()).toBe(new Date(parent.apiKey.expiresAt).getTime());
    expect((await callApi(getMe, "/me", { key: made.body.key, ip: "127.0.0.7" })).status).toBe(200);
    expect((await callApi(getMe, "/me", { key: made.body.key, ip: "127.0.0.8" })).status).toBe(403);
  });

  it("revokes a key's children and their children with it, each recorded; and refuses a child whose parent no longer works", async () => {
    const owner = await createOwner();
    const parent = await parentOf(owner);
    const son = await createWith(parent.key, child({ scopes: ["api_keys.create", "audit.read"] }));
    const grandson = await createWith(son.body.key, child());
    expect([son.status, grandson.status]).toEqual([201, 201]);
    expect((await callApi(getMe, "/me", { key: grandson.body.key })).status).toBe(200);

    await db.$transaction((tx) => revokeApiKey(tx, orgContextFor(owner, owner.org), { keyId: parent.apiKey.id }));
    for (const key of [son.body.key, grandson.body.key])
      expect((await callApi(getMe, "/me", { key })).status).toBe(401);
    const autoRevoked = await db.auditEntry.findMany({
      where: { orgId: owner.org.id, action: "api_key.auto_revoked" },
      orderBy: { seq: "asc" },
    });
    expect(autoRevoked.map((entry) => [entry.targetId, entry.metadata])).toEqual([
      [son.body.apiKey.id, { name: "child", reason: "parent_revoked" }],
      [grandson.body.apiKey.id, { name: "child", reason: "parent_revoked" }],
    ]);

    // Belt and braces: a parent stopped without its children (as by a bug or a hand in the database) still stops them.
    const other = await parentOf(owner);
    const orphan = await createWith(other.key, child());
    await db.apiKey.update({
      where: { id: other.apiKey.id },
      data: { revokedAt: new Date(), revokedReason: "revoked" },
    });
    const refused = await callApi(getMe, "/me", { key: orphan.body.key });
    expect(refused.status).toBe(401);
    expect(refused.body.detail).toBe("The API key that created this key no longer works, so neither does this one.");
    const denied = await db.auditEntry.findFirstOrThrow({
      where: { orgId: owner.org.id, action: "api_key.use_denied", actorId: orphan.body.apiKey.id },
    });
    expect(denied.metadata).toMatchObject({ reason: "parent_revoked" });
  });

  it("moves a rolled key's children to its replacement, and never lets a child's roll outlive its parent", async () => {
    const owner = await createOwner();
    const parent = await parentOf(owner, { expiresInDays: 30 });
    const son = await createWith(parent.key, child({ expiresInDays: 30 }));
    const rolled = await callApi(postRoll, `/api-keys/${parent.apiKey.id}/roll`, {
      key: parent.key,
      method: "POST",
      params: { keyId: parent.apiKey.id },
      body: { graceHours: 0 },
    });
    expect(rolled.status).toBe(201);
    expect((await callApi(getMe, "/me", { key: parent.key })).status).toBe(401);
    expect((await callApi(getMe, "/me", { key: son.body.key })).status).toBe(200);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: son.body.apiKey.id } })).createdByKeyId).toBe(
      rolled.body.apiKey.id,
    );

    // Rolled 20 days on, the child's 30-day lifetime would pass its parent's expiry: it ends with the parent.
    const later = new Date(Date.now() + 20 * DAY_MS);
    const sonRolled = await db.$transaction((tx) =>
      rollApiKey(tx, orgContextFor(owner, owner.org), { keyId: son.body.apiKey.id, graceHours: 0 }, later),
    );
    expect(sonRolled.apiKey.createdByKeyId).toBe(rolled.body.apiKey.id);
    expect(new Date(sonRolled.apiKey.expiresAt).getTime()).toBeLessThanOrEqual(
      new Date(rolled.body.apiKey.expiresAt).getTime(),
    );

    // The replacement's end is the children's end.
    await db.$transaction((tx) => revokeApiKey(tx, orgContextFor(owner, owner.org), { keyId: rolled.body.apiKey.id }));
    expect((await callApi(getMe, "/me", { key: sonRolled.key })).status).toBe(401);
  });

  it("lets a key roll only itself and the keys below it: another key of its holder may be stronger", async () => {
    const owner = await createOwner();
    const strong = await createTestKey(db, owner, owner.org, {
      name: "strong",
      scopes: ["audit.export", "billing.manage", "secrets.manage"],
    });
    const weak = await parentOf(owner, { scopes: ["api_keys.create", "audit.read"] });
    const refused = await callApi(postRoll, `/api-keys/${strong.apiKey.id}/roll`, {
      key: weak.key,
      method: "POST",
      params: { keyId: strong.apiKey.id },
      body: {},
    });
    expect(refused.status).toBe(403);
    expect(refused.text).not.toMatch(/vk_(live|test)_[0-9A-Za-z]{20}/);
    expect(await db.apiKey.count({ where: { rolledFromId: strong.apiKey.id } })).toBe(0);
    const son = await createWith(weak.key, child());
    const ownChild = await callApi(postRoll, `/api-keys/${son.body.apiKey.id}/roll`, {
      key: weak.key,
      method: "POST",
      params: { keyId: son.body.apiKey.id },
      body: {},
    });
    expect(ownChild.status).toBe(201);
  });
});

describe("a pin is a pin", () => {
  it("refuses ranges too wide to pin a key to (a /0, or halves of the address space) with 400 naming the field", async () => {
    const owner = await createOwner();
    const { key } = await createTestKey(db, owner, owner.org, { scopes: ["api_keys.create", "audit.read"] });
    const cases: [string[], string[]][] = [
      [["0.0.0.0/0"], ["allowedCidrs.0"]],
      [["::/0"], ["allowedCidrs.0"]],
      [["::ffff:0.0.0.0/96"], ["allowedCidrs.0"]],
      [
        ["203.0.113.0/24", "0.0.0.0/1", "128.0.0.0/1"],
        ["allowedCidrs.1", "allowedCidrs.2"],
      ],
      [["2000::/3"], ["allowedCidrs.0"]],
    ];
    for (const [allowedCidrs, fields] of cases) {
      for (const environment of ["live", "test"]) {
        const response = await createWith(key, { name: "wide", environment, scopes: ["audit.read"], allowedCidrs });
        expect({
          allowedCidrs,
          environment,
          status: response.status,
          fields: Object.keys(response.body.errors ?? {}),
        }).toEqual({ allowedCidrs, environment, status: 400, fields });
      }
    }
    const wide = await createWith(key, {
      name: "wide",
      environment: "live",
      scopes: ["audit.read"],
      allowedCidrs: ["0.0.0.0/0"],
    });
    expect(wide.body.errors["allowedCidrs.0"][0]).toBe(
      '"0.0.0.0/0" is too wide to pin a key to: a range is at most an IPv4 /8 or an IPv6 /16.',
    );
    // A /8 and a /16 are still pins.
    const person = await createTestKey(db, owner, owner.org, {
      environment: "live",
      scopes: ["audit.read"],
      allowedCidrs: ["10.0.0.0/8", "2001::/16"],
    });
    expect(person.apiKey.allowedCidrs).toEqual(["10.0.0.0/8", "2001::/16"]);
  });

  it("keeps a key usable from any address read-only: refused at creation unless read-only, and refused writes for older ones", async () => {
    const owner = await createOwner();
    await expect(
      createTestKey(db, owner, owner.org, { scopes: ["audit.ingest"], allowedCidrs: [] }),
    ).rejects.toMatchObject({
      issues: [
        expect.objectContaining({
          path: ["readOnly"],
          message: "A key usable from any address must be read-only: pin it to IP ranges to let it write.",
        }),
      ],
    });
    const reader = await createTestKey(db, owner, owner.org, {
      scopes: ["audit.read", "audit.ingest"],
      readOnly: true,
    });
    expect(reader.apiKey.allowedCidrs).toEqual([]);
    // A key made before this rule: unpinned and not read-only. It reads from anywhere and writes nothing.
    await db.apiKey.update({ where: { id: reader.apiKey.id }, data: { readOnly: false } });
    expect((await callApi(getAuditEvents, "/audit-events", { key: reader.key, ip: "198.51.100.7" })).status).toBe(200);
    // It says so where its holder looks: GET /me and the key list.
    expect((await callApi(getMe, "/me", { key: reader.key, ip: "198.51.100.7" })).body.key.readOnly).toBe(true);
    expect(
      (await listApiKeys(db, orgContextFor(owner, owner.org))).find((listed) => listed.id === reader.apiKey.id)
        ?.readOnly,
    ).toBe(true);
    const write = await callApi(postAuditEvent, "/audit-events", {
      key: reader.key,
      ip: "198.51.100.7",
      method: "POST",
      body: { action: "deploy.finished" },
    });
    expect(write.status).toBe(403);
    expect(write.body.detail).toMatch(/not pinned to IP ranges, so it is read-only/);
    expect(await db.auditEntry.count({ where: { orgId: owner.org.id, action: "custom.deploy.finished" } })).toBe(0);
  });

  it("keeps a live key stored with a range wider than a pin (0.0.0.0/0, ::/0, as before that was refused) read-only", async () => {
    const owner = await createOwner();
    for (const allowedCidrs of [["0.0.0.0/0"], ["127.0.0.0/8", "::/0"], ["64.0.0.0/2"]]) {
      const key = await createTestKey(db, owner, owner.org, {
        environment: "live",
        scopes: ["audit.read", "audit.ingest"],
        allowedCidrs: ["127.0.0.1/32"],
      });
      // Written as the creation path did before this release: the range was accepted as given.
      await db.apiKey.update({ where: { id: key.apiKey.id }, data: { allowedCidrs } });
      expect((await callApi(getAuditEvents, "/audit-events", { key: key.key })).status).toBe(200);
      expect({ allowedCidrs, readOnly: (await callApi(getMe, "/me", { key: key.key })).body.key.readOnly }).toEqual({
        allowedCidrs,
        readOnly: true,
      });
      const write = await callApi(postAuditEvent, "/audit-events", {
        key: key.key,
        method: "POST",
        body: { action: "deploy.finished" },
      });
      expect({ allowedCidrs, status: write.status }).toEqual({ allowedCidrs, status: 403 });
      expect(write.body.detail).toMatch(/not pinned to IP ranges, so it is read-only/);
    }
    expect(await db.auditEntry.count({ where: { orgId: owner.org.id, action: "custom.deploy.finished" } })).toBe(0);
    // A /8 is still a pin: the same key writes.
    const pinned = await createTestKey(db, owner, owner.org, {
      environment: "live",
      scopes: ["audit.read", "audit.ingest"],
      allowedCidrs: ["127.0.0.0/8"],
    });
    expect(
      (
        await callApi(postAuditEvent, "/audit-events", {
          key: pinned.key,
          method: "POST",
          body: { action: "deploy.finished" },
        })
      ).status,
    ).toBe(201);
  });
});

describe("ranges", () => {
  it("knows which range is within which, across notations, and which are too wide", () => {
    expect(rangeWithin("127.0.0.1/32", "127.0.0.0/8")).toBe(true);
    expect(rangeWithin("127.0.0.0/8", "127.0.0.1/32")).toBe(false);
    expect(rangeWithin("10.0.0.0/8", "127.0.0.0/8")).toBe(false);
    expect(rangeWithin("2001:db8:1::/48", "2001:db8::/32")).toBe(true);
    expect(rangeWithin("2001:db9::/48", "2001:db8::/32")).toBe(false);
    expect(rangeWithin("127.0.0.1/32", "::/16")).toBe(false);
    expect([
      isTooWide("0.0.0.0/0"),
      isTooWide("0.0.0.0/7"),
      isTooWide("10.0.0.0/8"),
      isTooWide("::/0"),
      isTooWide("2000::/15"),
      isTooWide("2001::/16"),
    ]).toEqual([true, true, false, true, true, false]);
    expect([
      isPinned([]),
      isPinned(["10.0.0.0/8"]),
      isPinned(["10.0.0.0/8", "::/0"]),
      isPinned(["not a range"]),
      isPinned(["2001::/16", "127.0.0.1/32"]),
    ]).toEqual([false, true, false, false, true]);
  });
});
