import { beforeAll, describe, expect, it } from "vitest";
import { POST as postApiKey } from "@/app/api/v1/api-keys/route";
import { DELETE as deleteApiKey } from "@/app/api/v1/api-keys/[keyId]/route";
import { POST as postRoll } from "@/app/api/v1/api-keys/[keyId]/roll/route";
import { POST as postAuditEvent } from "@/app/api/v1/audit-events/route";
import { GET as getMe } from "@/app/api/v1/me/route";
import { verifyChain } from "@/lib/audit/verify-chain";
import type { Db } from "@/lib/db/client";
import { removeMember } from "@/lib/members/remove-member";
import { callApi, createTestKey } from "@/lib/testing/api";
import { testDb } from "@/lib/testing/database";
import { createOwner, orgContextFor } from "@/lib/testing/factories";
import { rollApiKey } from "./roll-api-key";

let db: Db;
beforeAll(() => {
  db = testDb();
});

/** An owner with an organization, and an admin of that organization. */
async function ownerAndAdmin() {
  const owner = await createOwner();
  const other = await createOwner();
  await db.membership.create({ data: { orgId: owner.org.id, userId: other.user.id, role: "ADMIN" } });
  return { owner, admin: { ...other, org: owner.org } };
}

const OWNER_ONLY = ["billing.manage", "secrets.manage", "org.security_policy"] as const;

describe("a key acts for its holder, and only its holder receives its secret", () => {
  it("refuses an admin's roll of the owner's key (no secret handed over, recorded) and lets the admin revoke it", async () => {
    const { owner, admin } = await ownerAndAdmin();
    const ownerKey = await createTestKey(db, owner, owner.org, {
      name: "Billing sync",
      scopes: ["audit.read", ...OWNER_ONLY],
    });
    const adminKey = await createTestKey(
      db,
      admin,
      owner.org,
      { name: "Admin ops", scopes: ["api_keys.create", "api_keys.manage_all"] },
      "ADMIN",
    );

    // In the panel: the service refuses, whatever the screen offers.
    await expect(
      db.$transaction((tx) => rollApiKey(tx, orgContextFor(admin, owner.org, "ADMIN"), { keyId: ownerKey.apiKey.id })),
    ).rejects.toMatchObject({
      code: "forbidden",
      message: expect.stringContaining(`Only the person who holds this key (${owner.user.email})`),
    });
    // Through the API, with the admin's key: 403, and no key in the answer.
    const rolled = await callApi(postRoll, `/api-keys/${ownerKey.apiKey.id}/roll`, {
      key: adminKey.key,
      method: "POST",
      params: { keyId: ownerKey.apiKey.id },
      body: {},
    });
    expect(rolled.status).toBe(403);
    expect(rolled.headers.get("content-type")).toBe("application/problem+json");
    expect(rolled.text).not.toMatch(/vk_(live|test)_[0-9A-Za-z]{20}/);
    expect(rolled.body.detail).toMatch(/Revoke it instead/);
    const denial = await db.auditEntry.findFirstOrThrow({
      where: { orgId: owner.org.id, action: "access.denied", actorId: adminKey.apiKey.id },
    });
    expect(denial.metadata).toMatchObject({ reason: "roll_of_key_held_by_another" });
    expect(denial.actorDisplay).toContain(`on behalf of ${admin.user.email}`);

    // The owner's key is untouched: no replacement, no grace period, still working.
    expect(await db.apiKey.count({ where: { rolledFromId: ownerKey.apiKey.id } })).toBe(0);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: ownerKey.apiKey.id } })).graceEndsAt).toBeNull();
    expect((await callApi(getMe, "/me", { key: ownerKey.key })).status).toBe(200);

    // Revoking it is the admin's remedy for a key they distrust.
    const revoked = await callApi(deleteApiKey, `/api-keys/${ownerKey.apiKey.id}`, {
      key: adminKey.key,
      method: "DELETE",
      params: { keyId: ownerKey.apiKey.id },
    });
    expect(revoked.status).toBe(200);
    expect((await callApi(getMe, "/me", { key: ownerKey.key })).status).toBe(401);
  });

  it("takes every secret a removed person received with them: their keys, their rolls and the keys their keys made", async () => {
    const { owner, admin } = await ownerAndAdmin();
    const ownerKey = await createTestKey(db, owner, owner.org, {
      name: "Billing sync",
      scopes: ["audit.read", ...OWNER_ONLY],
    });
    const adminKey = await createTestKey(
      db,
      admin,
      owner.org,
      { name: "Admin ops", scopes: ["api_keys.create", "api_keys.manage_all", "audit.read"] },
      "ADMIN",
    );
    const received: string[] = [adminKey.key];

    const child = await callApi(postApiKey, "/api-keys", {
      key: adminKey.key,
      method: "POST",
      body: { name: "Admin child", environment: "test", scopes: ["audit.read"], allowedCidrs: ["127.0.0.1"] },
    });
    expect(child.status).toBe(201);
    received.push(child.body.key);
    // Every secret the admin could get hold of, whether or not the attempt is refused.
    const ownRoll = await callApi(postRoll, `/api-keys/${adminKey.apiKey.id}/roll`, {
      key: adminKey.key,
      method: "POST",
      params: { keyId: adminKey.apiKey.id },
      body: { graceHours: 24 },
    });
    expect(ownRoll.status).toBe(201);
    received.push(ownRoll.body.key);
    const ownersRoll = await callApi(postRoll, `/api-keys/${ownerKey.apiKey.id}/roll`, {
      key: ownRoll.body.key,
      method: "POST",
      params: { keyId: ownerKey.apiKey.id },
      body: {},
    });
    if (ownersRoll.body?.key) received.push(ownersRoll.body.key);
    const panelRoll = await db
      .$transaction((tx) =>
        rollApiKey(tx, orgContextFor(admin, owner.org, "ADMIN"), { keyId: ownerKey.apiKey.id, graceHours: 0 }),
      )
      .catch(() => null);
    if (panelRoll) received.push(panelRoll.key);

    await db.$transaction((tx) =>
      removeMember({ ctx: orgContextFor(owner, owner.org), tx, input: { userId: admin.user.id } }),
    );
    for (const key of received)
      expect({ key: key.slice(0, 12), status: (await callApi(getMe, "/me", { key })).status }).toEqual({
        key: key.slice(0, 12),
        status: 401,
      });
    // The owner's own key never left the owner, and goes on.
    expect((await callApi(getMe, "/me", { key: ownerKey.key })).status).toBe(200);
    const autoRevoked = await db.auditEntry.findMany({
      where: { orgId: owner.org.id, action: "api_key.auto_revoked" },
    });
    expect(autoRevoked.map((entry) => (entry.metadata as { reason: string }).reason)).toEqual([
      "creator_removed",
      "creator_removed",
      "creator_removed",
    ]);
  });

  it("names, in every entry made with a key, the person the key acts for, and the chain still verifies", async () => {
    const owner = await createOwner();
    const { key, apiKey } = await createTestKey(db, owner, owner.org, {
      name: "Deploy bot",
      scopes: ["audit.ingest", "api_keys.create"],
    });
    const onBehalf = `Deploy bot (${apiKey.prefix}…) on behalf of ${owner.user.email}`;
    const ingested = await callApi(postAuditEvent, "/audit-events", {
      key,
      method: "POST",
      body: { action: "deploy.finished" },
    });
    expect(ingested.status).toBe(201);
    expect(ingested.body.actor).toEqual({ type: "api_key", id: apiKey.id, display: onBehalf });
    // The holder cannot be forged from the customer's own metadata: it is not there.
    const forged = await callApi(postAuditEvent, "/audit-events", {
      key,
      method: "POST",
      body: { action: "deploy.started", metadata: { onBehalfOf: "someone@else.test" } },
    });
    expect(forged.body.actor.display).toBe(onBehalf);
    await callApi(postApiKey, "/api-keys", {
      key,
      method: "POST",
      body: { name: "child", environment: "test", scopes: ["audit.ingest"], allowedCidrs: ["127.0.0.1"] },
    });
    await callApi(getMe, "/me", { key, ip: "198.51.100.7" }); // outside its loopback pin: a denial, by the key
    const byKey = await db.auditEntry.findMany({
      where: { orgId: owner.org.id, actorId: apiKey.id },
      orderBy: { seq: "asc" },
    });
    expect(byKey.map((entry) => [entry.action, entry.actorDisplay])).toEqual([
      ["custom.deploy.finished", onBehalf],
      ["custom.deploy.started", onBehalf],
      ["api_key.created", onBehalf],
      ["api_key.use_denied", onBehalf],
      // A pinned key presented from outside its ranges also raises an alert about the key.
      ["security.alert", onBehalf],
    ]);
    expect((await verifyChain({ db, orgId: owner.org.id })).ok).toBe(true);
  });
});
