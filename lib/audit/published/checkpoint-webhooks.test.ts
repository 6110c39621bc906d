import { Webhook } from "standardwebhooks";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { appendMany } from "@/lib/testing/audit-tampering";
import { testDb } from "@/lib/testing/database";
import { createOwner, orgContextFor } from "@/lib/testing/factories";
import { allowLoopbackWebhooks } from "@/lib/testing/loopback-webhooks";
import { startWebhookReceiver } from "@/lib/testing/webhook-receiver";
import { createEndpoint } from "@/lib/webhooks/create-endpoint";
import { deliverDueWebhooks } from "@/lib/webhooks/deliver-due";
import { parseCheckpoint } from "../checkpoints/checkpoint-text";
import { openNote } from "../checkpoints/signed-note";
import { checkpointNow } from "../integrate/checkpoint-now";
import { lastCheckpoint } from "../integrate/last-checkpoint";
import { logVerifiers } from "../integrate/log-verifiers";

allowLoopbackWebhooks();

let db: Db;
beforeAll(() => {
  db = testDb();
});

type Owner = Awaited<ReturnType<typeof createOwner>>;
const endpointFor = (owner: Owner, input: Parameters<typeof createEndpoint>[2]) =>
  db.$transaction((tx) => createEndpoint(tx, orgContextFor(owner, owner.org), input));
const eventsOf = async (endpointId: string) =>
  (await db.webhookDelivery.findMany({ where: { endpointId } })).map((delivery) => delivery.eventType);

describe("the audit.checkpoint webhook", () => {
  it("sends each signed checkpoint's note to a subscribed endpoint, signed per Standard Webhooks", async () => {
    const owner = await createOwner();
    await db.billingAccount.update({ where: { orgId: owner.org.id }, data: { plan: "team", seats: 5 } });
    const receiver = await startWebhookReceiver();
    try {
      const subscribed = await endpointFor(owner, { url: receiver.url, actions: ["audit.checkpoint"] });
      const everything = await endpointFor(owner, { url: receiver.url });
      const byPrefix = await endpointFor(owner, { url: receiver.url, actions: ["audit.*"] });
      const members = await endpointFor(owner, { url: receiver.url, actions: ["member.*"] });
      await appendMany(db, owner.org.id, 20);
      await checkpointNow(db, owner.org.id);
      const checkpoint = (await lastCheckpoint(db, owner.org.id))!;

      expect(await eventsOf(subscribed.endpoint.id)).toEqual(["audit.checkpoint"]);
      expect(await eventsOf(everything.endpoint.id)).toContain("audit.checkpoint");
      expect(await eventsOf(byPrefix.endpoint.id)).toEqual(["audit.checkpoint"]);
      expect(await eventsOf(members.endpoint.id)).not.toContain("audit.checkpoint");

      while ((await deliverDueWebhooks(db, { orgId: owner.org.id })).claimed > 0);
      const delivered = receiver.received.filter((request) => request.body.includes('"audit.checkpoint"'));
      expect(delivered).toHaveLength(3);
      const request = delivered.find((one) => {
        try {
          new Webhook(subscribed.secret).verify(one.body, one.headers as Record<string, string>);
          return true;
        } catch {
          return false;
        }
      })!;
      expect(request).toBeDefined();
      const event = JSON.parse(request.body) as {
        type: string;
        data: { note: string; treeSize: string; rootHash: string; keyId: string; origin: string };
      };
      expect(event.type).toBe("audit.checkpoint");
      expect(event.data.note).toBe(checkpoint.note);
      const opened = parseCheckpoint(openNote(event.data.note, logVerifiers()).text);
      expect(opened.size).toBe(checkpoint.size);
      expect(event.data).toMatchObject({
        treeSize: checkpoint.size.toString(),
        rootHash: opened.rootHash.toString("base64"),
        keyId: checkpoint.keyId,
        origin: opened.origin,
      });
    } finally {
      await receiver.close();
    }
  });

  it("queues nothing when no checkpoint is signed (nothing new to integrate)", async () => {
    const owner = await createOwner();
    const endpoint = await endpointFor(owner, {
      url: "https://receiver.example.test/hook",
      actions: ["audit.checkpoint"],
    });
    await checkpointNow(db, owner.org.id);
    const once = await eventsOf(endpoint.endpoint.id);
    await checkpointNow(db, owner.org.id);
    expect(await eventsOf(endpoint.endpoint.id)).toEqual(once);
  });
});
