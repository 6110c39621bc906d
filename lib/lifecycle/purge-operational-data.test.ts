import { randomBytes, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { APPEND_ONLY_TABLES } from "@/lib/db/append-only-tables";
import type { Db } from "@/lib/db/client";
import { testDb } from "@/lib/testing/database";
import { createOwner } from "@/lib/testing/factories";
import { operationalRetentionJob, runWorker, WORKER_JOBS } from "@/lib/worker/worker";
import { OPERATIONAL_RETENTION } from "./operational-retention";
import { purgeOperationalData } from "./purge-operational-data";

let db: Db;
beforeAll(() => {
  db = testDb();
});

/**
 * The purge runs at a "now" in 1990 and every row here is dated around it: the run's database is shared, and
 * no other test writes rows that old, so these purges remove this file's rows and nobody else's (nor do other
 * files' purges, at today's date, remove these before the checks: they are all "old" then, but only this file
 * purges at all). Each test first clears what an interrupted earlier run may have left at those dates.
 */
const NOW = new Date("1990-06-01T12:00:00Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const later = (ms: number) => new Date(NOW.getTime() + ms);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const hex64 = () => randomBytes(32).toString("hex");

async function sessionOf(userId: string, fields: { idle: Date; absolute: Date; revokedAt?: Date }) {
  const { id } = await db.session.create({
    data: {
      userId,
      createdAt: ago(DAY),
      lastSeenAt: ago(DAY),
      idleExpiresAt: fields.idle,
      absoluteExpiresAt: fields.absolute,
      revokedAt: fields.revokedAt ?? null,
    },
  });
  return id;
}

async function challengeOf(userId: string, fields: { expiresAt: Date; usedAt?: Date }) {
  const { id } = await db.signInChallenge.create({
    data: {
      userId,
      tokenHash: hex64(),
      createdAt: ago(HOUR),
      expiresAt: fields.expiresAt,
      usedAt: fields.usedAt ?? null,
    },
  });
  return id;
}

async function apiKeyOf(owner: { user: { id: string }; org: { id: string } }) {
  const { id } = await db.apiKey.create({
    data: {
      orgId: owner.org.id,
      createdById: owner.user.id,
      name: "retention test",
      environment: "TEST",
      prefix: "vk_test_abcd",
      last4: "wxyz",
      keyHash: hex64(),
      scopes: ["audit.ingest"],
      rateLimitPerMinute: 60,
      expiresAt: later(365 * DAY),
    },
  });
  return id;
}

async function idempotencyKeyOf(owner: { org: { id: string } }, apiKeyId: string, expiresAt: Date) {
  const key = randomUUID();
  await db.idempotencyKey.create({
    data: {
      orgId: owner.org.id,
      apiKeyId,
      key,
      requestHash: hex64(),
      status: 201,
      response: {},
      createdAt: new Date(expiresAt.getTime() - DAY),
      expiresAt,
    },
  });
  return key;
}

async function deliveryOf(orgId: string, endpointId: string, status: string, createdAt: Date, attempts = 0) {
  const { id } = await db.webhookDelivery.create({
    data: { orgId, endpointId, eventType: "custom.test", status, createdAt, attempts },
  });
  for (let attempt = 1; attempt <= attempts; attempt++) {
    await db.webhookAttempt.create({
      data: { deliveryId: id, attempt, startedAt: createdAt, latencyMs: 5, status: 500 },
    });
  }
  return id;
}

const mailTo = (to: string, fields: { createdAt: Date; sentAt?: Date }) =>
  db.mailMessage.create({ data: { to, subject: "Retention test", kind: "test", ...fields } }).then((mail) => mail.id);

/** The evidence of both organizations: entries, chain heads, and the table counts of the append-only tables. */
async function evidenceOf(orgIds: string[]) {
  const entries = await db.auditEntry.findMany({ where: { orgId: { in: orgIds } }, select: { id: true, hash: true } });
  const heads = await db.auditChainHead.findMany({ where: { orgId: { in: orgIds } } });
  return { entries: entries.sort((a, b) => a.id.localeCompare(b.id)), heads };
}

describe("the operational-data purge", () => {
  it("removes each kind's rows past their retention, keeps the fresh ones of every organization, and counts", async () => {
    await purgeOperationalData(db, { now: NOW });
    const a = await createOwner();
    const b = await createOwner();
    const tag = randomUUID().slice(0, 8);

    const gone = {
      sessions: [
        await sessionOf(a.user.id, { idle: ago(MINUTE), absolute: later(HOUR) }),
        await sessionOf(a.user.id, { idle: later(HOUR), absolute: later(HOUR), revokedAt: ago(MINUTE) }),
        await sessionOf(a.user.id, { idle: later(HOUR), absolute: ago(1) }),
      ],
      challenges: [
        await challengeOf(a.user.id, { expiresAt: ago(MINUTE) }),
        await challengeOf(a.user.id, { expiresAt: later(5 * MINUTE), usedAt: ago(1_000) }),
      ],
    };
    const kept = {
      sessions: [
        await sessionOf(a.user.id, { idle: later(MINUTE), absolute: later(HOUR) }),
        await sessionOf(b.user.id, { idle: later(MINUTE), absolute: later(HOUR) }),
      ],
      challenges: [
        await challengeOf(a.user.id, { expiresAt: later(5 * MINUTE) }),
        await challengeOf(b.user.id, { expiresAt: later(5 * MINUTE) }),
      ],
    };
    const keyA = await apiKeyOf(a);
    const keyB = await apiKeyOf(b);
    const oldIdempotency = await idempotencyKeyOf(a, keyA, ago(MINUTE));
    const freshIdempotency = [
      await idempotencyKeyOf(a, keyA, later(HOUR)),
      await idempotencyKeyOf(b, keyB, later(HOUR)),
    ];

    const oldBucket = `retention-test:${tag}:old`;
    const freshBuckets = [`retention-test:${tag}:fresh`, `retention-test:${tag}:edge`];
    await db.rateLimitBucket.createMany({
      data: [
        { key: oldBucket, windowStart: ago(HOUR + MINUTE), count: 3 },
        { key: freshBuckets[0], windowStart: ago(10 * MINUTE), count: 1 },
        { key: freshBuckets[1], windowStart: ago(HOUR - MINUTE), count: 1 },
      ],
    });

    const oldMail = await mailTo(`${tag}-old@example.test`, { createdAt: ago(31 * DAY), sentAt: ago(31 * DAY) });
    const keptMail = [
      await mailTo(`${tag}-recent@example.test`, { createdAt: ago(29 * DAY), sentAt: ago(29 * DAY) }),
      await mailTo(`${tag}-unsent@example.test`, { createdAt: ago(60 * DAY) }),
    ];

    const endpointA = await db.webhookEndpoint.create({
      data: { orgId: a.org.id, url: "https://hooks.example.com/a" },
    });
    const endpointB = await db.webhookEndpoint.create({
      data: { orgId: b.org.id, url: "https://hooks.example.com/b" },
    });
    const oldDeliveries = [
      await deliveryOf(a.org.id, endpointA.id, "delivered", ago(91 * DAY), 2),
      await deliveryOf(a.org.id, endpointA.id, "failed", ago(91 * DAY), 8),
    ];
    const keptDeliveries = [
      await deliveryOf(a.org.id, endpointA.id, "pending", ago(91 * DAY), 1),
      await deliveryOf(a.org.id, endpointA.id, "delivered", ago(89 * DAY), 1),
      await deliveryOf(b.org.id, endpointB.id, "delivered", ago(10 * DAY), 1),
    ];
    const requestOf = (orgId: string, keyId: string, at: Date) =>
      db.apiKeyRequest
        .create({ data: { orgId, keyId, method: "GET", path: "/api/v1/me", status: 200, ip: "127.0.0.1", at } })
        .then((row) => row.id);
    const oldRequests = [
      await requestOf(a.org.id, keyA, ago(31 * DAY)),
      await requestOf(b.org.id, keyB, ago(30 * DAY)),
    ];
    const keptRequests = [await requestOf(a.org.id, keyA, ago(29 * DAY)), await requestOf(b.org.id, keyB, ago(MINUTE))];
    const evidence = await evidenceOf([a.org.id, b.org.id]);

    // Two rows per statement: the kinds with more than two old rows take several batches, and all of them go.
    const counts = await purgeOperationalData(db, { now: NOW, batchSize: 2 });
    expect(counts).toEqual({
      sessions: 3,
      "sign-in challenges": 2,
      "idempotency keys": 1,
      "rate-limit buckets": 1,
      "delivered mail": 1,
      "API key requests": 2,
      "webhook deliveries": 2,
    });

    const ids = <T extends { id: string }>(rows: T[]) => rows.map((row) => row.id).sort();
    const all = [...gone.sessions, ...kept.sessions];
    expect(ids(await db.session.findMany({ where: { id: { in: all } } }))).toEqual([...kept.sessions].sort());
    const challenges = [...gone.challenges, ...kept.challenges];
    expect(ids(await db.signInChallenge.findMany({ where: { id: { in: challenges } } }))).toEqual(
      [...kept.challenges].sort(),
    );
    const idempotency = await db.idempotencyKey.findMany({
      where: { key: { in: [oldIdempotency, ...freshIdempotency] } },
    });
    expect(idempotency.map((row) => row.key).sort()).toEqual([...freshIdempotency].sort());
    const buckets = await db.rateLimitBucket.findMany({ where: { key: { startsWith: `retention-test:${tag}:` } } });
    expect(buckets.map((row) => row.key).sort()).toEqual([...freshBuckets].sort());
    expect(ids(await db.mailMessage.findMany({ where: { id: { in: [oldMail, ...keptMail] } } }))).toEqual(
      [...keptMail].sort(),
    );
    const deliveries = [...oldDeliveries, ...keptDeliveries];
    expect(ids(await db.webhookDelivery.findMany({ where: { id: { in: deliveries } } }))).toEqual(
      [...keptDeliveries].sort(),
    );
    const requests = await db.apiKeyRequest.findMany({ where: { id: { in: [...oldRequests, ...keptRequests] } } });
    expect(requests.map((row) => row.id).sort()).toEqual([...keptRequests].sort());
    // A delivery's attempts go with it; the kept deliveries keep theirs.
    expect(await db.webhookAttempt.count({ where: { deliveryId: { in: oldDeliveries } } })).toBe(0);
    expect(await db.webhookAttempt.count({ where: { deliveryId: { in: keptDeliveries } } })).toBe(3);
    // The audit trail is evidence, not operational data: untouched.
    expect(await evidenceOf([a.org.id, b.org.id])).toEqual(evidence);

    // Nothing is left to purge at that time.
    expect(Object.values(await purgeOperationalData(db, { now: NOW })).every((count) => count === 0)).toBe(true);
  });

  it("deletes at most batchSize rows a statement and maxBatches statements a run; the next run goes on", async () => {
    await purgeOperationalData(db, { now: NOW });
    const tag = randomUUID().slice(0, 8);
    await db.rateLimitBucket.createMany({
      data: Array.from({ length: 5 }, (_, n) => ({
        key: `retention-test:${tag}:${n}`,
        windowStart: ago(DAY),
        count: 1,
      })),
    });
    const left = () => db.rateLimitBucket.count({ where: { key: { startsWith: `retention-test:${tag}:` } } });
    expect(await purgeOperationalData(db, { now: NOW, batchSize: 2, maxBatches: 1 })).toMatchObject({
      "rate-limit buckets": 2,
    });
    expect(await left()).toBe(3);
    expect(await purgeOperationalData(db, { now: NOW, batchSize: 2 })).toMatchObject({ "rate-limit buckets": 3 });
    expect(await left()).toBe(0);
  });

  it("never names an audit table", () => {
    for (const { table, batch } of OPERATIONAL_RETENTION) {
      expect(APPEND_ONLY_TABLES).not.toContain(table);
      const sql = batch(NOW, 1).sql;
      for (const evidence of [...APPEND_ONLY_TABLES, "audit_chain_heads", "retention_policies"]) {
        expect(sql).not.toContain(evidence);
      }
    }
  });

  it("runs in the worker, which logs a count per kind", async () => {
    expect(WORKER_JOBS.map((job) => job.name)).toContain("operational data retention");
    await purgeOperationalData(db, { now: NOW });
    const tag = randomUUID().slice(0, 8);
    await db.rateLimitBucket.create({ data: { key: `retention-test:${tag}`, windowStart: ago(DAY), count: 1 } });
    const lines: string[] = [];
    const stop = new AbortController();
    const job = operationalRetentionJob({ now: () => NOW });
    const worker = runWorker({ db, signal: stop.signal, jobs: [job], log: (line) => lines.push(line) });
    try {
      await expect.poll(() => lines.length, { timeout: 20_000 }).toBeGreaterThan(0);
    } finally {
      stop.abort();
      await worker;
    }
    expect(lines[0]).toBe(
      "worker: purged sessions 0, sign-in challenges 0, idempotency keys 0, rate-limit buckets 1, delivered mail 0, " +
        "API key requests 0, webhook deliveries 0",
    );
  });
});
