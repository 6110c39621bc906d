import { Webhook } from "standardwebhooks";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as postWebhook, GET as getWebhooks } from "@/app/api/v1/webhooks/route";
import { PATCH as patchWebhook, DELETE as deleteWebhook } from "@/app/api/v1/webhooks/[webhookId]/route";
import { GET as getDeliveries } from "@/app/api/v1/webhooks/[webhookId]/deliveries/route";
import { POST as postTest } from "@/app/api/v1/webhooks/[webhookId]/test/route";
import { appendAuditEntry, committedEntry } from "@/lib/audit/append-audit-entry";
import { appendAuditEntryOnItsOwn } from "@/lib/audit/append-audit-entry-on-its-own";
import type { Db } from "@/lib/db/client";
import { listOutboxMessages } from "@/lib/mail";
import { isPostgres, testDb } from "@/lib/testing/database";
import { callApi, createTestKey, type ApiHandler } from "@/lib/testing/api";
import { createOwner, orgContextFor } from "@/lib/testing/factories";
import { steppedUp } from "@/lib/testing/step-up";
import { startWebhookReceiver } from "@/lib/testing/webhook-receiver";
import { AUTO_DISABLE_AFTER_MS, deliverDueWebhooks, LEASE_SECONDS } from "./deliver-due";
import { recoverFailed, replayDelivery } from "./deliveries";
import { createEndpoint } from "./create-endpoint";
import { rotateSecret } from "./rotate-secret";
import { updateEndpoint } from "./update-endpoint";
import { allowLoopbackWebhooks } from "@/lib/testing/loopback-webhooks";

let db: Db;
allowLoopbackWebhooks();
beforeAll(() => {
  db = testDb();
});

type Owner = Awaited<ReturnType<typeof createOwner>>;
const endpointFor = (owner: Owner, input: Parameters<typeof createEndpoint>[2]) =>
  db.$transaction((tx) => createEndpoint(tx, orgContextFor(owner, owner.org), input));
/** An audited change in the org: the entry and its deliveries commit together. */
const auditedChange = async (owner: Owner, action: "org.updated" | "member.invited" = "org.updated") =>
  committedEntry(
    db,
    await db.$transaction((tx) =>
      appendAuditEntry(tx, {
        orgId: owner.org.id,
        action,
        actor: { type: "user", id: owner.user.id, display: owner.user.email },
        metadata:
          action === "org.updated"
            ? { before: { name: "a" }, after: { name: "b" } }
            : { email: "x@example.test", role: "MEMBER" },
      }),
    ),
  );
const deliveriesOf = (endpointId: string) =>
  db.webhookDelivery.findMany({
    where: { endpointId },
    orderBy: { createdAt: "asc" },
    include: { attemptLog: { orderBy: { attempt: "asc" } } },
  });
const at = (offsetMs: number) => () => new Date(Date.now() + offsetMs);

describe("the webhook outbox", () => {
  it("writes a delivery with the audit entry, only for matching enabled endpoints, and none when the change rolls back", async () => {
    const owner = await createOwner();
    // five endpoints: more than Free allows
    await db.billingAccount.update({ where: { orgId: owner.org.id }, data: { plan: "team", seats: 5 } });
    const receiver = await startWebhookReceiver();
    try {
      const all = await endpointFor(owner, { url: receiver.url });
      const orgSettings = await endpointFor(owner, { url: receiver.url, categories: ["org_settings"] });
      const members = await endpointFor(owner, { url: receiver.url, actions: ["member.*"] });
      const exact = await endpointFor(owner, { url: receiver.url, actions: ["member.invited"] });
      const disabled = await endpointFor(owner, { url: receiver.url, enabled: false });
      await auditedChange(owner, "org.updated");
      await auditedChange(owner, "member.invited");
      await expect(
        db.$transaction(async (tx) => {
          await appendAuditEntry(tx, {
            orgId: owner.org.id,
            action: "org.updated",
            actor: { type: "system", id: null, display: "t" },
            metadata: { before: {}, after: {} },
          });
          throw new Error("the change fails after its entry was appended");
        }),
      ).rejects.toThrow();
      const events = async (endpointId: string) =>
        (await deliveriesOf(endpointId)).map((delivery) => delivery.eventType);
      // The endpoints' own webhook.created entries go to the catch-all endpoint created before them.
      expect((await events(all.endpoint.id)).filter((type) => !type.startsWith("webhook."))).toEqual([
        "org.updated",
        "member.invited",
      ]);
      expect(await events(orgSettings.endpoint.id)).toEqual(["org.updated"]);
      expect(await events(members.endpoint.id)).toEqual(["member.invited"]);
      expect(await events(exact.endpoint.id)).toEqual(["member.invited"]);
      expect(await events(disabled.endpoint.id)).toEqual([]);
    } finally {
      await receiver.close();
    }
  });

  it("also writes deliveries for entries appended on their own (denials), in the same statement", async () => {
    const owner = await createOwner();
    const endpoint = await endpointFor(owner, {
      url: "https://receiver.example.test/hook",
      actions: ["access.denied"],
    });
    await appendAuditEntryOnItsOwn(db, {
      orgId: owner.org.id,
      action: "access.denied",
      actor: { type: "user", id: owner.user.id, display: null },
      outcome: "denied",
      metadata: { reason: "probe" },
    });
    expect((await deliveriesOf(endpoint.endpoint.id)).map((delivery) => delivery.eventType)).toEqual(["access.denied"]);
  });
});

describe("delivering", () => {
  it("sends the entry as exported, signed per Standard Webhooks, and logs the attempt", async () => {
    const owner = await createOwner();
    const receiver = await startWebhookReceiver();
    try {
      const { endpoint, secret } = await endpointFor(owner, { url: receiver.url, categories: ["org_settings"] });
      const entry = await auditedChange(owner);
      expect(await deliverDueWebhooks(db, { orgId: owner.org.id })).toMatchObject({ delivered: expect.any(Number) });
      const mine = receiver.received.filter((request) => JSON.parse(request.body).data?.id === entry.id);
      expect(mine).toHaveLength(1);
      const [request] = mine;
      const verified = new Webhook(secret).verify(request.body, request.headers as Record<string, string>) as {
        type: string;
        data: { seq: string; hash: string };
      };
      expect(verified.type).toBe("org.updated");
      expect(verified.data).toMatchObject({ seq: entry.seq.toString(), hash: entry.hash });
      const [delivery] = await deliveriesOf(endpoint.id);
      expect(request.headers["webhook-id"]).toBe(`msg_${delivery.id.replaceAll("-", "")}`);
      expect(delivery).toMatchObject({ status: "delivered", attempts: 1, lastStatus: 204 });
      expect(delivery.attemptLog).toHaveLength(1);
      expect(delivery.attemptLog[0]).toMatchObject({ attempt: 1, status: 204 });
    } finally {
      await receiver.close();
    }
  });

  it("signs with both secrets during a rotation's grace period, then with the new one only", async () => {
    const owner = await createOwner();
    const receiver = await startWebhookReceiver();
    try {
      const created = await endpointFor(owner, { url: receiver.url, categories: ["org_settings"] });
      const confirmed = await steppedUp(db, orgContextFor(owner, owner.org));
      const rotated = await db.$transaction((tx) =>
        rotateSecret(tx, confirmed, created.endpoint.id, { graceHours: 1 }),
      );
      expect(rotated.secret).toMatch(/^whsec_/);
      expect(rotated.endpoint.liveSecrets).toBe(2);
      await auditedChange(owner);
      await deliverDueWebhooks(db, { orgId: owner.org.id });
      const request = receiver.received.at(-1)!;
      expect(String(request.headers["webhook-signature"]).split(" ")).toHaveLength(2);
      for (const secret of [created.secret, rotated.secret])
        expect(() => new Webhook(secret).verify(request.body, request.headers as Record<string, string>)).not.toThrow();
      // Two hours on, the old secret no longer signs.
      await auditedChange(owner);
      await deliverDueWebhooks(db, { orgId: owner.org.id, now: at(2 * 3600_000) });
      const later = receiver.received.at(-1)!;
      expect(String(later.headers["webhook-signature"]).split(" ")).toHaveLength(1);
      expect(() =>
        new Webhook(created.secret).verify(later.body, {
          ...(later.headers as Record<string, string>),
          "webhook-timestamp": String(Math.floor(Date.now() / 1000)),
        }),
      ).toThrow();
      const audit = await db.auditEntry.findFirstOrThrow({
        where: { orgId: owner.org.id, action: "webhook.secret_rotated" },
      });
      expect(JSON.stringify(audit.metadata)).not.toContain("whsec_");
    } finally {
      await receiver.close();
    }
  });

  it("retries on the schedule under a fake clock, honours Retry-After, and gives up after the last attempt", async () => {
    const owner = await createOwner();
    const receiver = await startWebhookReceiver((_, response, n) =>
      n === 2 ? response.writeHead(503, { "retry-after": "600" }).end() : response.writeHead(500).end("down"),
    );
    try {
      const { endpoint } = await endpointFor(owner, { url: receiver.url, categories: ["org_settings"] });
      await auditedChange(owner);
      const gaps: number[] = [];
      let clock = Date.now();
      for (let attempt = 1; attempt <= 8; attempt++) {
        // The worker serves every organization: this test watches its own delivery only.
        await deliverDueWebhooks(db, { orgId: owner.org.id, now: () => new Date(clock) });
        const [delivery] = await deliveriesOf(endpoint.id);
        expect({ attempt, attempts: delivery.attempts }).toEqual({ attempt, attempts: attempt });
        if (attempt < 8) {
          expect(delivery.status).toBe("pending");
          const gap = delivery.nextAttemptAt!.getTime() - clock;
          gaps.push(gap);
          // Nothing is due before the next attempt's time.
          await deliverDueWebhooks(db, { orgId: owner.org.id, now: () => new Date(clock + gap - 1000) });
          expect((await deliveriesOf(endpoint.id))[0].attempts).toBe(attempt);
          clock += gap;
        } else {
          expect(delivery.status).toBe("failed");
          expect(delivery.nextAttemptAt).toBeNull();
          expect(delivery.attemptLog.map((row) => row.status)).toEqual([500, 503, 500, 500, 500, 500, 500, 500]);
        }
      }
      // attempt 2's 5 min gave way to Retry-After: 600 s
      const scheduled = [5_000, 600_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000];
      gaps.forEach((gap, index) => {
        expect(gap).toBeGreaterThanOrEqual(scheduled[index] * 0.9 - 50);
        expect(gap).toBeLessThanOrEqual(scheduled[index] * 1.1 + 50);
      });
      const endpointRow = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
      expect(endpointRow.failingSince).not.toBeNull();
      expect(endpointRow.enabled).toBe(true);
    } finally {
      await receiver.close();
    }
  });

  it("disables the endpoint when the receiver answers 410 Gone", async () => {
    const owner = await createOwner();
    const receiver = await startWebhookReceiver((_, response) => response.writeHead(410).end());
    try {
      const { endpoint } = await endpointFor(owner, { url: receiver.url, categories: ["org_settings"] });
      await auditedChange(owner);
      await deliverDueWebhooks(db, { orgId: owner.org.id });
      const row = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
      expect(row).toMatchObject({ enabled: false, disabledReason: "gone" });
      expect((await deliveriesOf(endpoint.id))[0].status).toBe("failed");
      const disabled = await db.auditEntry.findFirstOrThrow({
        where: { orgId: owner.org.id, action: "webhook.disabled", targetId: endpoint.id },
      });
      expect(disabled.metadata).toMatchObject({ reason: "gone" });
      // No more deliveries are claimed for it.
      await auditedChange(owner);
      expect(receiver.received).toHaveLength(1);
      await deliverDueWebhooks(db, { orgId: owner.org.id });
      expect(receiver.received).toHaveLength(1);
    } finally {
      await receiver.close();
    }
  });

  it("disables an endpoint failing for 5 days in a row, and tells the owners by mail and in the trail", async () => {
    const owner = await createOwner();
    const receiver = await startWebhookReceiver((_, response) => response.writeHead(502).end());
    try {
      const { endpoint } = await endpointFor(owner, { url: receiver.url, categories: ["org_settings"] });
      await db.webhookEndpoint.update({
        where: { id: endpoint.id },
        data: { failingSince: new Date(Date.now() - AUTO_DISABLE_AFTER_MS + 60_000) },
      });
      await auditedChange(owner);
      await deliverDueWebhooks(db, { orgId: owner.org.id }); // not yet 5 days
      expect((await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).enabled).toBe(true);
      await auditedChange(owner);
      await deliverDueWebhooks(db, { orgId: owner.org.id, now: at(2 * 60_000) });
      const row = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
      expect(row).toMatchObject({ enabled: false, disabledReason: "failing" });
      const entry = await db.auditEntry.findFirstOrThrow({
        where: { orgId: owner.org.id, action: "webhook.auto_disabled" },
      });
      expect(entry.metadata).toMatchObject({ url: endpoint.url, notified: [owner.user.email] });
      const [mail] = await listOutboxMessages({ db, to: owner.user.email, kind: "webhook_auto_disabled" });
      expect(mail.text).toContain(endpoint.url);
    } finally {
      await receiver.close();
    }
  });

  it("redelivers with the same webhook-id when a worker dies between sending and recording (at least once)", async () => {
    const owner = await createOwner();
    const receiver = await startWebhookReceiver();
    try {
      await endpointFor(owner, { url: receiver.url, categories: ["org_settings"] });
      await auditedChange(owner);
      const { sendWebhook } = await import("./send");
      await expect(
        deliverDueWebhooks(db, {
          orgId: owner.org.id,
          send: async (args) => {
            await sendWebhook(args);
            throw new Error("worker killed after sending");
          },
        }),
      ).rejects.toThrow("worker killed");
      expect(receiver.received).toHaveLength(1);
      // Within the lease nobody else sends it; past the lease, the next worker does, with the same webhook-id.
      await deliverDueWebhooks(db, { orgId: owner.org.id, now: at((LEASE_SECONDS - 5) * 1000) });
      expect(receiver.received).toHaveLength(1);
      await deliverDueWebhooks(db, { orgId: owner.org.id, now: at((LEASE_SECONDS + 5) * 1000) });
      expect(receiver.received).toHaveLength(2);
      expect(receiver.received[1].headers["webhook-id"]).toBe(receiver.received[0].headers["webhook-id"]);
    } finally {
      await receiver.close();
    }
  });

  it("refuses, without sending anything, a host that resolves to a private address at delivery time", async () => {
    const owner = await createOwner();
    const { endpoint } = await endpointFor(owner, {
      url: "https://hooks.example.test/verity",
      categories: ["org_settings"],
    });
    await auditedChange(owner);
    let sent = 0;
    await deliverDueWebhooks(db, {
      orgId: owner.org.id,
      lookup: async () => [
        { address: "93.184.216.34", family: 4 },
        { address: "10.0.0.7", family: 4 },
      ],
      send: async () => {
        sent++;
        throw new Error("must not send");
      },
    });
    expect(sent).toBe(0);
    const [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery.status).toBe("pending");
    expect(delivery.attemptLog[0].error).toMatch(/private|not allowed|forbidden/i);
    expect(delivery.attemptLog[0].error).not.toContain("10.0.0.7");
  });

  it("refuses at delivery time an endpoint on a port no longer allowed, without sending", async () => {
    const owner = await createOwner();
    process.env.VERITY_WEBHOOK_ALLOWED_PORTS = "8443";
    let endpointId: string;
    try {
      endpointId = (
        await endpointFor(owner, { url: "https://hooks.example.test:8443/verity", categories: ["org_settings"] })
      ).endpoint.id;
    } finally {
      delete process.env.VERITY_WEBHOOK_ALLOWED_PORTS;
    }
    await auditedChange(owner);
    let sent = 0;
    await deliverDueWebhooks(db, {
      orgId: owner.org.id,
      lookup: async () => [{ address: "93.184.216.34", family: 4 }],
      send: async () => {
        sent++;
        throw new Error("must not send");
      },
    });
    expect(sent).toBe(0);
    const [delivery] = await deliveriesOf(endpointId);
    expect(delivery.status).toBe("pending");
    expect(delivery.attemptLog[0].error).toMatch(/port 443 only/);
  });

  it("replays one delivery as a new one and recovers every failed delivery since a time", async () => {
    const owner = await createOwner();
    const receiver = await startWebhookReceiver();
    try {
      const ctx = orgContextFor(owner, owner.org);
      const { endpoint } = await endpointFor(owner, { url: receiver.url, categories: ["org_settings"] });
      await auditedChange(owner);
      await deliverDueWebhooks(db, { orgId: owner.org.id });
      const [original] = await deliveriesOf(endpoint.id);
      const replay = await db.$transaction((tx) => replayDelivery(tx, ctx, endpoint.id, original.id));
      expect(replay).toMatchObject({ replayOfId: original.id, status: "pending", eventType: "org.updated" });
      await deliverDueWebhooks(db, { orgId: owner.org.id });
      expect(receiver.received).toHaveLength(2);
      expect(receiver.received[1].body).toBe(receiver.received[0].body);
      await db.webhookDelivery.updateMany({ where: { endpointId: endpoint.id }, data: { status: "failed" } });
      const { recovered } = await db.$transaction((tx) =>
        recoverFailed(tx, ctx, endpoint.id, { since: new Date(Date.now() - 60_000).toISOString() }),
      );
      expect(recovered).toBe(2);
      await deliverDueWebhooks(db, { orgId: owner.org.id });
      expect(receiver.received).toHaveLength(4);
      const actions = (
        await db.auditEntry.findMany({ where: { orgId: owner.org.id, category: "webhooks" }, orderBy: { seq: "asc" } })
      ).map((entry) => entry.action);
      expect(actions).toEqual(["webhook.created", "webhook.replay_requested", "webhook.recover_requested"]);
    } finally {
      await receiver.close();
    }
  });

  it.runIf(isPostgres())("sends each due delivery once per attempt with 4 concurrent workers", async () => {
    const owner = await createOwner();
    const receiver = await startWebhookReceiver();
    try {
      await endpointFor(owner, { url: receiver.url, categories: ["org_settings"] });
      for (let i = 0; i < 120; i++) await auditedChange(owner);
      const worker = async () => {
        while ((await deliverDueWebhooks(db, { orgId: owner.org.id, limit: 10, concurrency: 4 })).claimed > 0);
      };
      await Promise.all([worker(), worker(), worker(), worker()]);
      const ids = receiver.received.map((request) => String(request.headers["webhook-id"]));
      expect(ids).toHaveLength(120);
      expect(new Set(ids).size).toBe(120);
    } finally {
      await receiver.close();
    }
  });
});

describe("webhooks through the REST API", () => {
  const call = (
    handler: ApiHandler,
    key: string,
    method: string,
    body?: unknown,
    params: Record<string, string> = {},
  ) => callApi(handler, "/webhooks", { key, method, body, params });
  const keyOf = async (owner: Owner) =>
    (await createTestKey(db, owner, owner.org, { name: "hooks", scopes: ["webhooks.manage"] })).key;

  it("creates, lists, updates, tests, shows deliveries and deletes, with the same audit as the screens", async () => {
    const owner = await createOwner();
    const key = await keyOf(owner);
    const created = await call(postWebhook, key, "POST", {
      url: "https://siem.example.test/verity",
      description: "SIEM",
      categories: ["access"],
    });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_/);
    const id = created.body.endpoint.id;
    expect((await call(getWebhooks, key, "GET")).body.data.map((row: { id: string }) => row.id)).toEqual([id]);
    const patched = await call(
      patchWebhook,
      key,
      "PATCH",
      { actions: ["member.*"], enabled: false },
      { webhookId: id },
    );
    expect(patched.body).toMatchObject({ actions: ["member.*"], enabled: false, disabledReason: "manual" });
    const test = await call(postTest, key, "POST", undefined, { webhookId: id });
    expect(test.status).toBe(201);
    expect(test.body).toMatchObject({ eventType: "webhook.test", status: "pending" });
    const log = await call(getDeliveries, key, "GET", undefined, { webhookId: id });
    expect(log.body.data.map((row: { id: string }) => row.id)).toContain(test.body.id);
    expect((await call(deleteWebhook, key, "DELETE", undefined, { webhookId: id })).body).toEqual({ deleted: true });
    const actions = (
      await db.auditEntry.findMany({ where: { orgId: owner.org.id, category: "webhooks" }, orderBy: { seq: "asc" } })
    ).map((entry) => [entry.action, entry.actorType]);
    expect(actions).toEqual([
      ["webhook.created", "api_key"],
      ["webhook.updated", "api_key"],
      ["webhook.disabled", "api_key"],
      ["webhook.test_sent", "api_key"],
      ["webhook.deleted", "api_key"],
    ]);
  });

  it("refuses invalid URLs, forbidden destinations and unknown event types with 400, creating nothing", async () => {
    const owner = await createOwner();
    const key = await keyOf(owner);
    delete process.env.VERITY_ALLOW_LOOPBACK_WEBHOOKS;
    try {
      for (const body of [
        { url: "not a url" },
        { url: "http://siem.example.test/hook" },
        { url: "https://127.0.0.1/hook" },
        { url: "https://169.254.169.254/latest/meta-data" },
        { url: "https://[::ffff:10.0.0.1]/hook" },
        { url: "https://user:pass@siem.example.test/hook" },
        { url: "https://siem.example.test/hook", actions: ["member.exploded"] },
        { url: "https://siem.example.test/hook", categories: ["everything"] },
      ]) {
        const response = await call(postWebhook, key, "POST", body);
        expect({ body, status: response.status }).toEqual({ body, status: 400 });
      }
    } finally {
      process.env.VERITY_ALLOW_LOOPBACK_WEBHOOKS = "1";
    }
    expect(await db.webhookEndpoint.count({ where: { orgId: owner.org.id } })).toBe(0);
  });

  it("refuses a public host's port other than 443 (400 naming the url) at creation and update unless the operator lists it", async () => {
    const owner = await createOwner();
    const key = await keyOf(owner);
    delete process.env.VERITY_ALLOW_LOOPBACK_WEBHOOKS;
    try {
      for (const url of [
        "https://siem.example.test:8443/hook",
        "https://siem.example.test:6379/",
        "https://93.184.216.34:22/",
      ]) {
        const refused = await call(postWebhook, key, "POST", { url });
        expect({ url, status: refused.status }).toEqual({ url, status: 400 });
        expect(refused.body.errors.url[0]).toMatch(/port 443 only/);
      }
      const created = await call(postWebhook, key, "POST", { url: "https://siem.example.test/hook" });
      expect(created.status).toBe(201);
      const moved = await call(
        patchWebhook,
        key,
        "PATCH",
        { url: "https://siem.example.test:8080/hook" },
        { webhookId: created.body.endpoint.id },
      );
      expect(moved.status).toBe(400);
      expect(Object.keys(moved.body.errors)).toEqual(["url"]);
      expect((await db.webhookEndpoint.findUniqueOrThrow({ where: { id: created.body.endpoint.id } })).url).toBe(
        "https://siem.example.test/hook",
      );
      process.env.VERITY_WEBHOOK_ALLOWED_PORTS = "8443, 9443";
      expect((await call(postWebhook, key, "POST", { url: "https://siem.example.test:8443/hook" })).status).toBe(201);
      expect((await call(postWebhook, key, "POST", { url: "https://siem.example.test:8080/hook" })).status).toBe(400);
    } finally {
      delete process.env.VERITY_WEBHOOK_ALLOWED_PORTS;
      process.env.VERITY_ALLOW_LOOPBACK_WEBHOOKS = "1";
    }
    expect(await db.webhookEndpoint.count({ where: { orgId: owner.org.id } })).toBe(2);
  });

  it("answers another organization's endpoint with 404", async () => {
    const [victim, attacker] = [await createOwner(), await createOwner()];
    const { endpoint } = await endpointFor(victim, { url: "https://siem.example.test/hook" });
    const key = await keyOf(attacker);
    expect((await call(patchWebhook, key, "PATCH", { enabled: false }, { webhookId: endpoint.id })).status).toBe(404);
    expect((await call(getDeliveries, key, "GET", undefined, { webhookId: endpoint.id })).status).toBe(404);
    expect((await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).enabled).toBe(true);
    expect(
      await db.auditEntry.count({
        where: { orgId: victim.org.id, action: "access.denied", metadata: { path: ["crossTenant"], equals: true } },
      }),
    ).toBe(2);
  });

  it("updating an endpoint records exactly what changed", async () => {
    const owner = await createOwner();
    const ctx = orgContextFor(owner, owner.org);
    const { endpoint } = await endpointFor(owner, { url: "https://siem.example.test/hook", description: "old" });
    await db.$transaction((tx) => updateEndpoint(tx, ctx, endpoint.id, { description: "new", categories: [] }));
    const entry = await db.auditEntry.findFirstOrThrow({ where: { orgId: owner.org.id, action: "webhook.updated" } });
    expect(entry.metadata).toEqual({ before: { description: "old" }, after: { description: "new" } });
  });
});
