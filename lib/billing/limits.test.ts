import { beforeAll, describe, expect, it } from "vitest";
import { POST as postAuditEvent } from "@/app/api/v1/audit-events/route";
import { POST as postApiKey } from "@/app/api/v1/api-keys/route";
import { POST as postWebhook } from "@/app/api/v1/webhooks/route";
import type { Db } from "@/lib/db/client";
import { inviteMember } from "@/lib/members/invite-member";
import { testDb } from "@/lib/testing/database";
import { callApi, createTestKey, type ApiHandler } from "@/lib/testing/api";
import { createOwner, orgContextFor } from "@/lib/testing/factories";
import { meter } from "./usage";

let db: Db;
beforeAll(() => {
  db = testDb();
});

type Owner = Awaited<ReturnType<typeof createOwner>>;
const call = (handler: ApiHandler, key: string, body: unknown) => callApi(handler, "/", { key, method: "POST", body });
const adminKey = async (owner: Owner) =>
  (
    await createTestKey(db, owner, owner.org, {
      name: "ops",
      scopes: ["api_keys.create", "webhooks.manage", "audit.ingest"],
    })
  ).key;
const limitEntries = (orgId: string) =>
  db.auditEntry.findMany({ where: { orgId, action: "billing.limit_reached" }, orderBy: { seq: "asc" } });

describe("plan limits", () => {
  it("refuses the next API key past Free's 5 with 402 naming the plan that lifts it, and records it", async () => {
    const owner = await createOwner();
    const key = await adminKey(owner); // the first of five
    for (let i = 2; i <= 5; i++)
      expect(
        (
          await call(postApiKey, key, {
            name: `key ${i}`,
            environment: "test",
            scopes: ["audit.ingest"],
            allowedCidrs: ["127.0.0.1"],
          })
        ).status,
      ).toBe(201);
    const refused = await call(postApiKey, key, {
      name: "key 6",
      environment: "test",
      scopes: ["audit.ingest"],
      allowedCidrs: ["127.0.0.1"],
    });
    expect(refused.status).toBe(402);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect(refused.body.detail).toMatch(/The Free plan allows 5 active API keys\..*The Team plan allows 100/);
    expect(await db.apiKey.count({ where: { orgId: owner.org.id } })).toBe(5);
    expect((await limitEntries(owner.org.id)).map((entry) => entry.metadata)).toEqual([
      { limit: "apiKeys", plan: "free", allowed: 5 },
    ]);
    // On Team the sixth is fine.
    await db.billingAccount.update({ where: { orgId: owner.org.id }, data: { plan: "team", seats: 5 } });
    expect(
      (
        await call(postApiKey, key, {
          name: "key 6",
          environment: "test",
          scopes: ["audit.ingest"],
          allowedCidrs: ["127.0.0.1"],
        })
      ).status,
    ).toBe(201);
  });

  it("refuses the next webhook endpoint past Free's 2", async () => {
    const owner = await createOwner();
    const key = await adminKey(owner);
    for (const n of [1, 2])
      expect((await call(postWebhook, key, { url: `https://siem${n}.example.test/hook` })).status).toBe(201);
    const refused = await call(postWebhook, key, { url: "https://siem3.example.test/hook" });
    expect(refused.status).toBe(402);
    expect(refused.body.detail).toMatch(/The Free plan allows 2 webhook endpoints/);
    expect(await db.webhookEndpoint.count({ where: { orgId: owner.org.id } })).toBe(2);
  });

  it("refuses ingest past Free's monthly allowance, and bills it instead on paid plans", async () => {
    const owner = await createOwner();
    const key = await adminKey(owner);
    await meter(db, owner.org.id, "ingested_events", 10_000);
    const refused = await call(postAuditEvent, key, { action: "wallet.transfer" });
    expect(refused.status).toBe(402);
    expect(refused.body.detail).toMatch(/10,000 ingested events this month/);
    expect(await db.auditEntry.count({ where: { orgId: owner.org.id, action: "custom.wallet.transfer" } })).toBe(0);
    // A plan name this version does not know (left by a newer one, or written by hand) is held to Free's allowance.
    await db.billingAccount.update({ where: { orgId: owner.org.id }, data: { plan: "legacy-unknown" } });
    expect((await call(postAuditEvent, key, { action: "wallet.transfer" })).status).toBe(402);
    await db.billingAccount.update({ where: { orgId: owner.org.id }, data: { plan: "team", seats: 5 } });
    expect((await call(postAuditEvent, key, { action: "wallet.transfer" })).status).toBe(201);
  });

  it("asks an owner to add seats, and tells an admin to ask an owner, when every seat is taken", async () => {
    const owner = await createOwner();
    const admin = await createOwner();
    await db.membership.create({ data: { orgId: owner.org.id, userId: admin.user.id, role: "ADMIN" } });
    const invite = (person: Owner, role: "OWNER" | "ADMIN", n: number) =>
      db.$transaction((tx) =>
        inviteMember({
          ctx: orgContextFor(person, owner.org, role),
          tx,
          input: { email: `seat-${n}-${crypto.randomUUID().slice(0, 6)}@example.test`, role: "MEMBER" },
        }),
      );
    for (const n of [1, 2, 3]) await invite(owner, "OWNER", n); // 2 members + 3 pending = Free's 5 seats
    const asOwner = await invite(owner, "OWNER", 4).then(
      () => null,
      (error: unknown) => error as { status: number; message: string },
    );
    expect(asOwner?.status).toBe(402);
    expect(asOwner?.message).toMatch(
      /All 5 seats are taken \(2 members, 3 pending invitations\)\. Add seats on the Billing page/,
    );
    const asAdmin = await invite(admin, "ADMIN", 5).then(
      () => null,
      (error: unknown) => error as { status: number; message: string },
    );
    expect(asAdmin?.status).toBe(403);
    expect(asAdmin?.message).toMatch(/Ask an owner to add seats/);
    expect(await db.invitation.count({ where: { orgId: owner.org.id } })).toBe(3);
  });
});
