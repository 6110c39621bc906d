import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import type { Db } from "@/lib/db/client";
import { testDb } from "@/lib/testing/database";
import { createOwner, orgContextFor } from "@/lib/testing/factories";
import { allowLoopbackWebhooks } from "@/lib/testing/loopback-webhooks";
import { createEndpoint } from "./create-endpoint";
import { deliverDueWebhooks, UNREADABLE_SECRET_ERROR } from "./deliver-due";
import type { sendWebhook } from "./send";

let db: Db;
allowLoopbackWebhooks();
beforeAll(() => {
  db = testDb();
});

const sent: string[] = [];
const send: typeof sendWebhook = async ({ url }) => {
  sent.push(String(url));
  return { ok: true, status: 200, latencyMs: 1, responseExcerpt: "", retryAfter: null, error: null };
};

describe("a delivery whose signing secret cannot be opened", () => {
  it("fails with the reason, raises one grouped alert, and the rest of the pass is delivered", async () => {
    const owner = await createOwner();
    const ctx = orgContextFor(owner, owner.org);
    await db.billingAccount.update({ where: { orgId: owner.org.id }, data: { plan: "team", seats: 5 } });
    const { endpoint: good } = await db.$transaction((tx) =>
      createEndpoint(tx, ctx, { url: "http://127.0.0.1:9/good" }),
    );
    const { endpoint: bad } = await db.$transaction((tx) => createEndpoint(tx, ctx, { url: "http://127.0.0.1:9/bad" }));
    // Sealed under another instance's key: the same shape, and the tag does not authenticate here.
    await db.webhookSecret.updateMany({
      where: { endpointId: bad.id },
      data: { sealed: `v1:${randomBytes(60).toString("base64url")}` },
    });
    await db.$transaction((tx) =>
      appendAuditEntry(tx, {
        orgId: owner.org.id,
        action: "org.updated",
        actor: { type: "user", id: owner.user.id, display: owner.user.email },
        metadata: { before: { name: "a" }, after: { name: "b" } },
      }),
    );
    const pass = await deliverDueWebhooks(db, { orgId: owner.org.id, send });
    expect(pass.delivered).toBeGreaterThan(0);
    expect(pass.failed).toBeGreaterThan(0);

    // The alert's own security.alert entry was appended during the pass: its deliveries wait for the next one.
    const beforeThePass = { not: "security.alert" };
    const goodDeliveries = await db.webhookDelivery.findMany({
      where: { endpointId: good.id, eventType: beforeThePass },
    });
    expect(goodDeliveries.map((delivery) => delivery.eventType)).toContain("org.updated");
    expect(goodDeliveries.every((delivery) => delivery.status === "delivered")).toBe(true);
    const badDeliveries = await db.webhookDelivery.findMany({
      where: { endpointId: bad.id, eventType: beforeThePass },
      include: { attemptLog: true },
    });
    expect(badDeliveries.length).toBeGreaterThan(0);
    for (const delivery of badDeliveries) {
      expect(delivery.lastError).toBe(UNREADABLE_SECRET_ERROR);
      expect(delivery.attemptLog.map((attempt) => attempt.error)).toEqual([UNREADABLE_SECRET_ERROR]);
    }
    expect(sent.filter((url) => url.endsWith("/bad"))).toEqual([]);

    // A later pass (the retry) fails alike: the alert counts it instead of raising another.
    await db.webhookDelivery.updateMany({ where: { endpointId: bad.id }, data: { nextAttemptAt: new Date() } });
    await deliverDueWebhooks(db, { orgId: owner.org.id, send });
    const alerts = await db.securityAlert.findMany({ where: { orgId: owner.org.id, kind: "secret_unreadable" } });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ severity: "high", status: "open", count: 2, subjectId: bad.id });
    const entries = await db.auditEntry.findMany({ where: { orgId: owner.org.id, action: "security.alert" } });
    expect(entries).toHaveLength(1);
    expect(entries[0].metadata).toMatchObject({ reason: "secret_unreadable", alertId: alerts[0].id });
  });
});
