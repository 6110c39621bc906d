import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getAuditEvents } from "@/app/api/v1/audit-events/route";
import { appendAuditEntry } from "./append-audit-entry";
import type { Db } from "@/lib/db/client";
import { testDb } from "@/lib/testing/database";
import { callApi, createTestKey } from "@/lib/testing/api";
import { createOwner } from "@/lib/testing/factories";
import { seal } from "@/lib/crypto/secret-box";
import { deliverDueWebhooks } from "@/lib/webhooks/deliver-due";
import { SECRET_PURPOSE } from "@/lib/webhooks/signing";
import { ZAuditEntryView, type TAuditEntryView } from "./audit-entry-view";

/**
 * A receiver recomputes an entry's hashes from a webhook body or a REST entry alone, following the
 * README's "The hash chain, byte for byte" (RFC 8785 via the `canonicalize` package and SHA-256 here,
 * not lib/audit/entry-content.ts): the content is the view without seq and the three hashes, plus v: 1.
 */
function recomputed(view: TAuditEntryView) {
  const { seq: _seq, contentHash: _contentHash, prevHash, hash: _hash, ...content } = view;
  const contentHash = createHash("sha256")
    .update(canonicalize({ v: 1, ...content })!, "utf8")
    .digest("hex");
  const hash = createHash("sha256")
    .update(Buffer.concat([Buffer.from(prevHash, "hex"), Buffer.from(contentHash, "hex")]))
    .digest("hex");
  return { contentHash, hash };
}

const OCCURRED_AT = "2026-11-25T13:28:18.123457Z";

let db: Db;
let owner: Awaited<ReturnType<typeof createOwner>>;
let entryId: string;
let key: string;

beforeAll(async () => {
  db = testDb();
  owner = await createOwner();
  key = (await createTestKey(db, owner, owner.org, { name: "SIEM", scopes: ["audit.read"] as never })).key;
  const endpoint = await db.webhookEndpoint.create({
    data: { orgId: owner.org.id, url: "https://hooks.example.test/verity" },
  });
  await db.webhookSecret.create({
    data: { endpointId: endpoint.id, sealed: seal(`whsec_${"A".repeat(32)}`, SECRET_PURPOSE) },
  });
  const appended = await db.$transaction((tx) =>
    appendAuditEntry(tx, {
      orgId: owner.org.id,
      action: "custom.payout.approved",
      actor: { type: "user", id: owner.user.id, display: "Ada Lovelace" },
      target: { type: "payout", id: "po_1", display: "Payout «1» ✓" },
      context: {
        ip: "203.0.113.7",
        userAgent: "vitest",
        geo: { country: "GB", region: null, city: "Zürich" },
        requestId: "r-1",
      },
      metadata: { amount: 1234.5, tiny: -3e-7, nested: { b: [1, 2], a: null }, "10": "numeric key" },
      occurredAt: OCCURRED_AT,
    }),
  );
  entryId = appended.id;
});

describe("an entry as it leaves Verity", () => {
  it("in a webhook body: built when the entry was appended, with contentHash and occurredAt to the microsecond", async () => {
    const bodies: string[] = [];
    await deliverDueWebhooks(db, {
      orgId: owner.org.id,
      lookup: async () => [{ address: "93.184.216.34", family: 4 }],
      send: async ({ body }) => {
        bodies.push(body);
        return { ok: true, status: 204, latencyMs: 1, responseExcerpt: "", retryAfter: null, error: null };
      },
    });
    const body = bodies.map((text) => JSON.parse(text)).find((candidate) => candidate.data?.id === entryId);
    expect(body).toMatchObject({ type: "custom.payout.approved", timestamp: OCCURRED_AT });
    const view = ZAuditEntryView.strict().parse(body.data);
    expect(view.occurredAt).toBe(OCCURRED_AT);
    const stored = await db.auditEntry.findUniqueOrThrow({ where: { id: entryId } });
    expect(view).toMatchObject({ orgId: owner.org.id, contentHash: stored.contentHash, hash: stored.hash });
    expect(recomputed(view)).toEqual({ contentHash: stored.contentHash, hash: stored.hash });
  });

  it("from GET /api/v1/audit-events: the same view, whose hashes recompute too", async () => {
    const { status, body } = await callApi(getAuditEvents, "/audit-events", { key, query: "?limit=1" });
    expect(status).toBe(200);
    const view = ZAuditEntryView.strict().parse(body.data[0]);
    expect(view).toMatchObject({ id: entryId, occurredAt: OCCURRED_AT });
    const stored = await db.auditEntry.findUniqueOrThrow({ where: { id: entryId } });
    expect(recomputed(view)).toEqual({ contentHash: stored.contentHash, hash: stored.hash });
  });

  it("is not re-read at send time: the body was written with the delivery", async () => {
    const [delivery] = await db.webhookDelivery.findMany({ where: { auditEntryId: entryId } });
    expect(delivery.payload).toMatchObject({ data: { id: entryId, occurredAt: OCCURRED_AT } });
  });
});
