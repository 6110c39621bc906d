import http from "node:http";
import type { AddressInfo } from "node:net";
import { beforeAll, describe, expect, it } from "vitest";
import { appendAuditEntry, committedEntry } from "@/lib/audit/append-audit-entry";
import type { Db } from "@/lib/db/client";
import { testDb } from "@/lib/testing/database";
import { createOwner, orgContextFor } from "@/lib/testing/factories";
import { deliverDueWebhooks } from "@/lib/webhooks/deliver-due";
import { createEndpoint } from "@/lib/webhooks/create-endpoint";
import { newSigningSecret, signatureHeaders } from "@/lib/webhooks/signing";
import { verityWebhookHandler, type VerityEvent } from "./receiver-example";
import { allowLoopbackWebhooks } from "@/lib/testing/loopback-webhooks";

/**
 * The receiver example on the webhooks docs page is this module, run here against real signed
 * deliveries: if Verity's payload, headers or signatures drift from what the docs show, this fails.
 */

let db: Db;
allowLoopbackWebhooks();
beforeAll(() => {
  db = testDb();
});

/** The docs' example, listening on 127.0.0.1 with `secret` (or one set later with `use`); records what its handleEvent saw. */
async function startExample(secret?: string) {
  const handled: { event: VerityEvent; webhookId: string }[] = [];
  let listener: http.RequestListener = (_, response) => void response.writeHead(503).end();
  const use = (signingSecret: string) =>
    (listener = verityWebhookHandler({
      secret: signingSecret,
      handleEvent: async (event, webhookId) => void handled.push({ event, webhookId }),
    }));
  if (secret) use(secret);
  const server = http.createServer((request, response) => listener(request, response));
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/verity`;
  const post = (body: string, headers: Record<string, string>) =>
    fetch(url, { method: "POST", body, headers: { "content-type": "application/json", ...headers } }).then(
      (response) => response.status,
    );
  return {
    url,
    handled,
    use,
    post,
    close: () => new Promise<void>((done) => (server.closeAllConnections(), server.close(() => done()))),
  };
}

const samplePayload = JSON.stringify({
  type: "member.invited",
  timestamp: "2026-01-05T10:00:00.000Z",
  data: { id: "0b5c…", action: "member.invited", metadata: { email: "a@example.test" } },
});

describe("the receiver example on the docs page", () => {
  it("accepts a delivery sent by Verity's worker and hands over the audit entry as exported", async () => {
    const owner = await createOwner();
    const receiver = await startExample();
    try {
      // Configured, as a customer would, with the secret revealed when the endpoint was created.
      const created = await db.$transaction((tx) =>
        createEndpoint(tx, orgContextFor(owner, owner.org), { url: receiver.url, categories: ["org_settings"] }),
      );
      receiver.use(created.secret);
      const entry = await committedEntry(
        db,
        await db.$transaction((tx) =>
          appendAuditEntry(tx, {
            orgId: owner.org.id,
            action: "org.updated",
            actor: { type: "user", id: owner.user.id, display: owner.user.email },
            metadata: { before: { name: "a" }, after: { name: "b" } },
          }),
        ),
      );
      await deliverDueWebhooks(db, { orgId: owner.org.id });
      const mine = receiver.handled.filter(({ event }) => event.data.id === entry.id);
      expect(mine).toHaveLength(1);
      const stored = await db.auditEntry.findUniqueOrThrow({ where: { id: entry.id } });
      expect(mine[0].event).toMatchObject({
        type: "org.updated",
        // To the microsecond, whose millisecond prefix is the Date's.
        timestamp: expect.stringMatching(new RegExp(`^${stored.occurredAt.toISOString().slice(0, 23)}\\d{3}Z$`)),
        data: {
          action: "org.updated",
          seq: entry.seq.toString(),
          hash: entry.hash,
          contentHash: stored.contentHash,
          metadata: { after: { name: "b" } },
        },
      });
      const delivery = await db.webhookDelivery.findFirstOrThrow({
        where: { endpointId: created.endpoint.id, auditEntryId: entry.id },
      });
      expect(mine[0].webhookId).toBe(`msg_${delivery.id.replaceAll("-", "")}`);
      expect(delivery).toMatchObject({ status: "delivered", lastStatus: 204 });
    } finally {
      await receiver.close();
    }
  });

  it("accepts either secret during a rotation, refuses a tampered body or stale timestamp, handles a retried webhook-id once", async () => {
    const [oldSecret, newSecret] = [newSigningSecret(), newSigningSecret()];
    const withOld = await startExample(oldSecret);
    const withNew = await startExample(newSecret);
    try {
      const headers = signatureHeaders({
        id: "msg_rotation1",
        timestamp: new Date(),
        body: samplePayload,
        secrets: [newSecret, oldSecret],
      });
      expect(await withOld.post(samplePayload, headers)).toBe(204);
      expect(await withNew.post(samplePayload, headers)).toBe(204);
      expect(withOld.handled.map(({ event }) => event.type)).toEqual(["member.invited"]);

      // The raw body matters: the same JSON serialized differently no longer verifies.
      expect(await withNew.post(JSON.stringify(JSON.parse(samplePayload), null, 2), headers)).toBe(400);
      expect(await withNew.post(samplePayload.replace("a@example.test", "b@example.test"), headers)).toBe(400);
      const stale = signatureHeaders({
        id: "msg_stale1",
        timestamp: new Date(Date.now() - 10 * 60_000),
        body: samplePayload,
        secrets: [newSecret],
      });
      expect(await withNew.post(samplePayload, stale)).toBe(400);
      const otherSecret = signatureHeaders({
        id: "msg_other1",
        timestamp: new Date(),
        body: samplePayload,
        secrets: [newSigningSecret()],
      });
      expect(await withNew.post(samplePayload, otherSecret)).toBe(400);

      // A retry of an accepted delivery (same webhook-id, new timestamp and signature) is acknowledged, not handled again.
      const retry = signatureHeaders({
        id: "msg_rotation1",
        timestamp: new Date(),
        body: samplePayload,
        secrets: [newSecret],
      });
      expect(await withNew.post(samplePayload, retry)).toBe(204);
      expect(withNew.handled.map(({ webhookId }) => webhookId)).toEqual(["msg_rotation1"]);
    } finally {
      await withOld.close();
      await withNew.close();
    }
  });
});
