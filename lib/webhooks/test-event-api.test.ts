import { beforeAll, describe, expect, it } from "vitest";
import { POST as postTest } from "@/app/api/v1/webhooks/[webhookId]/test/route";
import type { Db } from "@/lib/db/client";
import { callApi, createTestKey } from "@/lib/testing/api";
import { testDb } from "@/lib/testing/database";
import { createOwner, orgContextFor } from "@/lib/testing/factories";
import { createEndpoint } from "./create-endpoint";
import { sampleEventBody } from "./event-samples";

let db: Db;
beforeAll(() => {
  db = testDb();
});

describe("POST /api/v1/webhooks/{id}/test", () => {
  it("sends the sample of the event type asked for, marked test, and records which; an unknown type is a 400", async () => {
    const owner = await createOwner();
    const key = (await createTestKey(db, owner, owner.org, { scopes: ["webhooks.manage"] })).key;
    const { endpoint } = await db.$transaction((tx) =>
      createEndpoint(tx, orgContextFor(owner, owner.org), { url: "https://siem.example.test/hook" }),
    );
    const send = (body?: unknown) =>
      callApi(postTest, `/webhooks/${endpoint.id}/test`, {
        key,
        method: "POST",
        body,
        params: { webhookId: endpoint.id },
      });

    const typed = await send({ type: "member.invited" });
    expect(typed.status).toBe(201);
    expect(typed.body).toMatchObject({ eventType: "member.invited", status: "pending" });
    const delivery = await db.webhookDelivery.findUniqueOrThrow({ where: { id: typed.body.id } });
    const sample = sampleEventBody("member.invited")!;
    expect(delivery.payload).toEqual({
      type: "member.invited",
      timestamp: expect.any(String),
      test: true,
      data: sample.data,
    });
    const entry = await db.auditEntry.findFirstOrThrow({
      where: { orgId: owner.org.id, action: "webhook.test_sent" },
      orderBy: { seq: "desc" },
    });
    expect(entry.metadata).toEqual({ deliveryId: typed.body.id, eventType: "member.invited" });
    expect(entry.actorType).toBe("api_key");

    // No body, or an empty one: webhook.test as before.
    const plain = await send();
    expect(plain.status).toBe(201);
    expect(plain.body.eventType).toBe("webhook.test");
    expect((await send({})).body.eventType).toBe("webhook.test");

    const deliveries = await db.webhookDelivery.count({ where: { endpointId: endpoint.id } });
    const entries = await db.auditEntry.count({ where: { orgId: owner.org.id, action: "webhook.test_sent" } });
    for (const body of [
      { type: "no.such" },
      { type: "custom.deploy" },
      { type: 7 },
      { type: "member.invited", x: 1 },
    ]) {
      const refused = await send(body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.headers.get("content-type")).toBe("application/problem+json");
      // It names the field and nothing of the endpoint (its URL, its secret) or the catalog.
      expect(refused.text).not.toContain("siem.example.test");
      expect(refused.text).not.toContain("whsec_");
    }
    const unknown = await send({ type: "no.such" });
    expect(unknown.text).toContain("Not an event type Verity records");
    expect(await db.webhookDelivery.count({ where: { endpointId: endpoint.id } })).toBe(deliveries);
    expect(await db.auditEntry.count({ where: { orgId: owner.org.id, action: "webhook.test_sent" } })).toBe(entries);
  });
});
