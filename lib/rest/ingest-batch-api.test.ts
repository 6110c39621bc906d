import { beforeAll, describe, expect, it } from "vitest";
import { POST as postBatch } from "@/app/api/v1/audit-events/batch/route";
import { GET as getAuditEvents, POST as postAuditEvent } from "@/app/api/v1/audit-events/route";
import { verifyChain } from "@/lib/audit/verify-chain";
import { lockBillingAccount } from "@/lib/billing/lock-billing-account";
import { usageInPeriod } from "@/lib/billing/usage";
import type { Db } from "@/lib/db/client";
import { callApi, createTestKey, type ApiCall } from "@/lib/testing/api";
import { isPostgres, testDb } from "@/lib/testing/database";
import { createOwner } from "@/lib/testing/factories";
import { MAX_BATCH_EVENTS } from "./ingest-event-batch";

let db: Db;
beforeAll(() => {
  db = testDb();
});

const newOrgWithKey = async () => {
  const owner = await createOwner();
  const scopes = ["audit.ingest", "audit.read"] as const;
  const { key, apiKey } = await createTestKey(db, owner, owner.org, { name: "Payments", scopes: [...scopes] });
  return { owner, orgId: owner.org.id, key, apiKey };
};
const events = (count: number, action = "wallet.transfer") =>
  Array.from({ length: count }, (_, n) => ({ action, target: { type: "wallet", id: `w_${n}` }, metadata: { n } }));
const send = (key: string, call: ApiCall) =>
  callApi(postBatch, "/audit-events/batch", { key, method: "POST", ...call });
const customCount = (orgId: string) => db.auditEntry.count({ where: { orgId, category: "custom" } });
const ingested = async (orgId: string) =>
  (await usageInPeriod(db, orgId, (await db.billingAccount.findUniqueOrThrow({ where: { orgId } })).periodStart))
    .ingested_events;

describe("POST /api/v1/audit-events/batch", () => {
  it("records every event as consecutive entries in the order sent, meters each event, and the chain verifies", async () => {
    const { orgId, key, apiKey } = await newOrgWithKey();
    const before = await db.auditChainHead.findUniqueOrThrow({ where: { orgId } });
    const response = await send(key, { body: { events: events(250) } });
    expect(response.status).toBe(201);
    expect(response.body.count).toBe(250);
    expect(response.body.entries).toHaveLength(250);
    expect(BigInt(response.body.firstSeq)).toBe(before.seq + 1n);
    expect(BigInt(response.body.lastSeq)).toBe(before.seq + 250n);
    const stored = await db.auditEntry.findMany({ where: { orgId, category: "custom" }, orderBy: { seq: "asc" } });
    expect(stored.map((entry) => entry.id)).toEqual(response.body.entries.map((entry: { id: string }) => entry.id));
    expect(stored.map((entry) => entry.targetId)).toEqual(events(250).map((event) => event.target.id));
    expect(stored[0]).toMatchObject({ action: "custom.wallet.transfer", actorType: "api_key", actorId: apiKey.id });
    expect(await ingested(orgId)).toBe(250);
    expect(await verifyChain({ db, orgId })).toMatchObject({ ok: true });
  });

  it("refuses the whole batch when one event is invalid, naming it by index, and writes nothing", async () => {
    const { orgId, key } = await newOrgWithKey();
    const before = await db.auditChainHead.findUniqueOrThrow({ where: { orgId } });
    const batch = events(10);
    batch[3] = { ...batch[3], action: "Not An Action" };
    (batch[7] as Record<string, unknown>).extra = true;
    const refused = await send(key, { body: { events: batch } });
    expect(refused.status).toBe(400);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect(Object.keys(refused.body.errors).sort()).toEqual(["events.3.action", "events.7"]);
    expect(await customCount(orgId)).toBe(0);
    expect(await db.auditChainHead.findUniqueOrThrow({ where: { orgId } })).toEqual(before);
    expect(await ingested(orgId)).toBe(0);
    // Text PostgreSQL cannot store, anywhere in any event, is named by index as well.
    const nul = await send(key, { body: { events: [...events(2), { action: "x", metadata: { note: "a\u0000b" } }] } });
    expect(nul.status).toBe(400);
    expect(Object.keys(nul.body.errors)).toEqual(["events.2.metadata.note"]);
    expect(await customCount(orgId)).toBe(0);
  });

  it(`takes at most ${MAX_BATCH_EVENTS} events (400), an empty batch is refused, and a body over 2 MB answers 413`, async () => {
    const { orgId, key } = await newOrgWithKey();
    const tooMany = await send(key, { body: { events: events(MAX_BATCH_EVENTS + 1) } });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors.events).toEqual(["At most 1,000 events in one batch."]);
    expect((await send(key, { body: { events: [] } })).status).toBe(400);
    const huge = await send(key, {
      body: { events: events(40).map((event) => ({ ...event, note: "x".repeat(60_000) })) },
    });
    expect(huge.status).toBe(413);
    const oneTooLarge = await send(key, {
      body: { events: [{ action: "x", metadata: { blob: "x".repeat(70_000) } }] },
    });
    expect(oneTooLarge.status).toBe(400);
    expect(Object.keys(oneTooLarge.body.errors)).toEqual(["events.0"]);
    expect(await customCount(orgId)).toBe(0);
    const full = await send(key, { body: { events: events(MAX_BATCH_EVENTS) } });
    expect(full.status).toBe(201);
    expect(await customCount(orgId)).toBe(MAX_BATCH_EVENTS);
    expect(await ingested(orgId)).toBe(MAX_BATCH_EVENTS);
    expect(await verifyChain({ db, orgId })).toMatchObject({ ok: true });
  });

  it("records a batch once per Idempotency-Key: the retry answers the first response, another body is refused", async () => {
    const { orgId, key } = await newOrgWithKey();
    const headers = { "idempotency-key": "import-2026-12-07-part-1" };
    const first = await send(key, { body: { events: events(20) }, headers });
    const retry = await send(key, { body: { events: events(20) }, headers });
    expect([first.status, retry.status]).toEqual([201, 201]);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    const other = await send(key, { body: { events: events(21) }, headers });
    expect(other.status).toBe(422);
    // Concurrent retries of a new batch record it once.
    const racing = await Promise.all(
      [1, 2, 3].map(() =>
        send(key, { body: { events: events(5, "payout.sent") }, headers: { "idempotency-key": "p2" } }),
      ),
    );
    expect(racing.map((response) => response.status)).toEqual([201, 201, 201]);
    expect(await customCount(orgId)).toBe(25);
    expect(await ingested(orgId)).toBe(25);
    expect(await verifyChain({ db, orgId })).toMatchObject({ ok: true });
  });

  it("refuses a batch that would pass Free's monthly allowance whole, saying how many events remain", async () => {
    const { orgId, key } = await newOrgWithKey();
    await send(key, { body: { events: events(1) } });
    await db.usageCounter.updateMany({ where: { orgId, metric: "ingested_events" }, data: { count: 9_990 } });
    const refused = await send(key, { body: { events: events(11) } });
    expect(refused.status).toBe(402);
    expect(refused.body.detail).toMatch(/This batch has 11 events and 10 remain this month/);
    expect(await customCount(orgId)).toBe(1);
    expect((await send(key, { body: { events: events(10) } })).status).toBe(201);
    expect(await ingested(orgId)).toBe(10_000);
  });

  it("runs beside single-event ingest of the same organization without deadlock, and the chain verifies", async () => {
    const { orgId, key } = await newOrgWithKey();
    const single = (n: number) =>
      callApi(postAuditEvent, "/audit-events", {
        key,
        method: "POST",
        body: { action: "wallet.topup", metadata: { n } },
      });
    const answers = await Promise.all([
      ...Array.from({ length: 8 }, (_, n) => single(n)),
      ...Array.from({ length: 4 }, () => send(key, { body: { events: events(25) } })),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([...Array(8).fill(201), ...Array(4).fill(201)]);
    expect(await customCount(orgId)).toBe(108);
    expect(await ingested(orgId)).toBe(108);
    expect(await verifyChain({ db, orgId })).toMatchObject({ ok: true });
  });
});

describe("ingest with and without an Idempotency-Key", () => {
  it("runs both ways at once in two organizations: no deadlock, each event counted once, each batch consecutive", async () => {
    const orgs = await Promise.all([newOrgWithKey(), newOrgWithKey()]);
    // Without a key a request is one statement of the ingest appender's; with one, a transaction of its own. Both lock
    // the chain head before the usage row.
    const single = (key: string, n: number, keyed: boolean) =>
      callApi(postAuditEvent, "/audit-events", {
        key,
        method: "POST",
        body: { action: "wallet.topup", metadata: { n } },
        headers: keyed ? { "idempotency-key": `single-${n}` } : {},
      });
    const batch = (key: string, n: number, keyed: boolean) =>
      send(key, {
        body: { events: events(30, `payout.batch_${n}`) },
        headers: keyed ? { "idempotency-key": `b${n}` } : {},
      });
    const answers = await Promise.all(
      orgs.flatMap(({ key }) => [
        ...Array.from({ length: 12 }, (_, n) => single(key, n, n % 3 === 0)),
        ...Array.from({ length: 6 }, (_, n) => batch(key, n, n % 2 === 0)),
      ]),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(36).fill(201));
    for (const { orgId } of orgs) {
      expect(await customCount(orgId)).toBe(12 + 6 * 30);
      expect(await ingested(orgId)).toBe(12 + 6 * 30);
      expect(await verifyChain({ db, orgId })).toMatchObject({ ok: true });
      for (let n = 0; n < 6; n++) {
        const seqs = (
          await db.auditEntry.findMany({
            where: { orgId, action: `custom.payout.batch_${n}` },
            orderBy: { seq: "asc" },
          })
        ).map((entry) => Number(entry.seq));
        expect(seqs).toHaveLength(30);
        expect(seqs.at(-1)! - seqs[0]).toBe(29);
      }
    }
    // Each answer is the entry as the chain holds it.
    const [{ orgId }] = orgs;
    const answered = answers.slice(0, 12).map((answer) => answer.body as { id: string; seq: string; hash: string });
    const stored = await db.auditEntry.findMany({ where: { id: { in: answered.map((entry) => entry.id) } } });
    expect(stored.every((entry) => entry.orgId === orgId)).toBe(true);
    expect(new Map(stored.map((entry) => [entry.id, [entry.seq.toString(), entry.hash]]))).toEqual(
      new Map(answered.map((entry) => [entry.id, [entry.seq, entry.hash]])),
    );
  });

  it.runIf(isPostgres())(
    "goes on while a billing change holds the organization's account (a card being added), without waiting for it",
    async () => {
      const { orgId, key } = await newOrgWithKey();
      // The change's transaction waits for the ingests: had they waited for its lock, it would time out and fail.
      const answers = await db.$transaction(
        async (tx) => {
          await lockBillingAccount(tx, orgId);
          return Promise.all([
            callApi(postAuditEvent, "/audit-events", { key, method: "POST", body: { action: "wallet.topup" } }),
            send(key, { body: { events: events(3) } }),
          ]);
        },
        { timeout: 20_000 },
      );
      expect(answers.map((answer) => answer.status)).toEqual([201, 201]);
      expect(await ingested(orgId)).toBe(4);
    },
  );
});

describe("POST /api/v1/audit-events", () => {
  it("answers the entry exactly as reading it back gives it, though it does not read it back", async () => {
    const { key } = await newOrgWithKey();
    const metadata = { amount: 12.5, big: 1e21, card: "4111 1111 1111 1111", nested: { z: [1, "två", null], a: true } };
    const posted = await callApi(postAuditEvent, "/audit-events", {
      key,
      method: "POST",
      body: { action: "wallet.transfer", target: { type: "wallet", id: "w_1", display: "Main" }, metadata },
    });
    expect(posted.status).toBe(201);
    const listed = await callApi(getAuditEvents, "/audit-events", { key, query: "?limit=1" });
    expect(listed.body.data[0]).toEqual(posted.body);
    expect(posted.body.metadata.card).toBe("[REDACTED]");
  });
});
