import { beforeAll, describe, expect, it } from "vitest";
import { EVENT_DESCRIPTIONS } from "@/lib/audit/event-descriptions";
import type { Db } from "@/lib/db/client";
import { testDb } from "@/lib/testing/database";
import { createOwner, orgContextFor } from "@/lib/testing/factories";
import { allowLoopbackWebhooks } from "@/lib/testing/loopback-webhooks";
import { startWebhookReceiver } from "@/lib/testing/webhook-receiver";
import { createEndpoint } from "./create-endpoint";
import { deliverDueWebhooks } from "./deliver-due";
import { listDeliveries, sendTestEvent } from "./deliveries";
import { endpointSuccessRate, SUCCESS_RATE_DAYS } from "./endpoint-success-rate";
import { eventTypeDocs } from "./event-samples";
import { AUDIT_EVENTS } from "@/lib/audit/event-catalog";

let db: Db;
allowLoopbackWebhooks();
beforeAll(() => {
  db = testDb();
});

type Owner = Awaited<ReturnType<typeof createOwner>>;
const ctxOf = (owner: Owner) => orgContextFor(owner, owner.org);

describe("each delivery attempt, as the delivery log shows it", () => {
  it("keeps the request sent (signature headers, body) and the response received (status, headers, body)", async () => {
    const owner = await createOwner();
    const receiver = await startWebhookReceiver((_, response) => {
      response.writeHead(503, {
        "content-type": "text/plain",
        "x-receiver": "busy",
        // Credentials a receiver sets or echoes: the log keeps their names, never their values.
        "set-cookie": ["sid=cookie-value-1; HttpOnly", "csrf=cookie-value-2"],
        authorization: "Bearer echoed-token-value",
        "proxy-authenticate": "Basic realm=proxy-value",
        "x-auth-token": "auth-token-value",
        "x-session-id": "session-value",
        "x-amz-security-token": "amz-token-value",
        "x-api-key": "api-key-value",
      });
      response.end("try later");
    });
    try {
      const { endpoint } = await db.$transaction((tx) => createEndpoint(tx, ctxOf(owner), { url: receiver.url }));
      await db.$transaction((tx) => sendTestEvent(tx, ctxOf(owner), endpoint.id));
      await deliverDueWebhooks(db, { orgId: owner.org.id });
      const log = await db.$transaction((tx) => listDeliveries(tx, ctxOf(owner), endpoint.id, { limit: 25 }));
      const test = log.data.find((delivery) => delivery.eventType === "webhook.test")!;
      const [first] = test.attemptLog;
      const sent = receiver.received.find((request) => JSON.parse(request.body).type === "webhook.test")!;
      // The request as the receiver got it: the same headers (the signature among them) and the same body.
      expect(first.requestHeaders).toMatchObject({
        "webhook-id": sent.headers["webhook-id"],
        "webhook-timestamp": sent.headers["webhook-timestamp"],
        "webhook-signature": sent.headers["webhook-signature"],
        "content-type": "application/json",
      });
      expect(first.requestHeaders?.["webhook-signature"]).toMatch(/^v1,/);
      expect(test.body).toBe(sent.body);
      expect(first).toMatchObject({ status: 503, responseExcerpt: "try later" });
      expect(first.responseHeaders).toMatchObject({ "content-type": "text/plain", "x-receiver": "busy" });
      const withheld = ["set-cookie", "authorization", "proxy-authenticate", "x-auth-token", "x-session-id"];
      for (const name of [...withheld, "x-amz-security-token", "x-api-key"])
        expect(first.responseHeaders?.[name], name).toBe("[not stored]");
      const stored = JSON.stringify(
        await db.webhookAttempt.findMany({ where: { delivery: { endpointId: endpoint.id } } }),
      );
      expect(stored).not.toMatch(
        /cookie-value|echoed-token|proxy-value|auth-token-value|session-value|amz-token|api-key-value/,
      );
    } finally {
      await receiver.close();
    }
  });

  it("records no request headers when the destination is refused before sending, and no response headers", async () => {
    const owner = await createOwner();
    const { endpoint } = await db.$transaction((tx) =>
      createEndpoint(tx, ctxOf(owner), { url: "https://hooks.example.com/in" }),
    );
    await db.$transaction((tx) => sendTestEvent(tx, ctxOf(owner), endpoint.id));
    // The host resolves to a private address at delivery time: refused, nothing sent.
    await deliverDueWebhooks(db, { orgId: owner.org.id, lookup: async () => [{ address: "10.0.0.8", family: 4 }] });
    const log = await db.$transaction((tx) => listDeliveries(tx, ctxOf(owner), endpoint.id, { limit: 25 }));
    const [attempt] = log.data.find((delivery) => delivery.eventType === "webhook.test")!.attemptLog;
    expect(attempt).toMatchObject({ status: null, requestHeaders: null, responseHeaders: null });
    expect(attempt.error).toBeTruthy();
  });
});

describe("an endpoint's success rate", () => {
  it("counts attempts and 2xx answers per UTC day over 30 days, this organization's endpoint only", async () => {
    const owner = await createOwner();
    const { endpoint } = await db.$transaction((tx) =>
      createEndpoint(tx, ctxOf(owner), { url: "https://hooks.example.com/rate" }),
    );
    const now = new Date("2026-03-10T12:00:00Z");
    const delivery = await db.webhookDelivery.create({
      data: { orgId: owner.org.id, endpointId: endpoint.id, eventType: "webhook.test", status: "delivered" },
    });
    const attemptAt = (attempt: number, startedAt: string, status: number | null) =>
      db.webhookAttempt.create({
        data: { deliveryId: delivery.id, attempt, startedAt: new Date(startedAt), status, latencyMs: 3 },
      });
    await attemptAt(1, "2026-03-09T23:59:00Z", 500);
    await attemptAt(2, "2026-03-10T00:01:00Z", null);
    await attemptAt(3, "2026-03-10T00:05:00Z", 204);
    await attemptAt(4, "2026-02-01T00:00:00Z", 204); // before the window
    const days = await db.$transaction((tx) => endpointSuccessRate(tx, ctxOf(owner), endpoint.id, now));
    expect(days).toHaveLength(SUCCESS_RATE_DAYS);
    expect(days.at(-1)).toEqual({ day: "2026-03-10", attempts: 2, succeeded: 1 });
    expect(days.at(-2)).toEqual({ day: "2026-03-09", attempts: 1, succeeded: 0 });
    expect(days.reduce((sum, day) => sum + day.attempts, 0)).toBe(3);

    // Another organization naming this endpoint's id sees nothing of it.
    const other = await createOwner();
    const foreign = await db.$transaction((tx) => endpointSuccessRate(tx, ctxOf(other), endpoint.id, now));
    expect(foreign.every((day) => day.attempts === 0)).toBe(true);
  });
});

describe("test events by type, and the event catalog", () => {
  it("sends a catalog sample of the chosen type, marked as a test and recorded; an unknown type is refused", async () => {
    const owner = await createOwner();
    const { endpoint } = await db.$transaction((tx) =>
      createEndpoint(tx, ctxOf(owner), { url: "https://hooks.example.com/types" }),
    );
    const sent = await db.$transaction((tx) =>
      sendTestEvent(tx, ctxOf(owner), endpoint.id, new Date(), { eventType: "api_key.renamed" }),
    );
    expect(sent.eventType).toBe("api_key.renamed");
    const body = JSON.parse(sent.body!) as { type: string; test: boolean; data: { metadata: unknown } };
    expect(body).toMatchObject({ type: "api_key.renamed", test: true });
    expect(body.data.metadata).toEqual({ from: expect.any(String), to: expect.any(String) });
    const entry = await db.auditEntry.findFirst({
      where: { orgId: owner.org.id, action: "webhook.test_sent", targetId: endpoint.id },
    });
    expect(entry?.metadata).toEqual({ deliveryId: sent.id, eventType: "api_key.renamed" });
    const refused = await db
      .$transaction((tx) => sendTestEvent(tx, ctxOf(owner), endpoint.id, new Date(), { eventType: "no.such" }))
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: "invalid_input" });
  });

  it("documents every event type the trail records, each sample valid against its own metadata schema", () => {
    const docs = eventTypeDocs();
    expect(docs.map((doc) => doc.type).sort()).toEqual(Object.keys(AUDIT_EVENTS).sort());
    for (const doc of docs) {
      expect(doc.description, doc.type).toBe(EVENT_DESCRIPTIONS[doc.type as keyof typeof EVENT_DESCRIPTIONS]);
      const schema = AUDIT_EVENTS[doc.type as keyof typeof AUDIT_EVENTS].metadata;
      const parsed = schema.safeParse(doc.sample.data.metadata);
      expect(parsed.success, `${doc.type}: ${JSON.stringify(doc.sample.data.metadata)}`).toBe(true);
    }
  });
});
