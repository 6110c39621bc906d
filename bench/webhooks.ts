/**
 * Webhook delivery throughput and latency on PostgreSQL: audit entries committed in transactions
 * (their deliveries written by the same statement, the outbox), delivered by 4 workers, each a loop
 * calling deliverDueWebhooks with its own Prisma client like `verity worker`, to a receiver on
 * 127.0.0.1. Beside it, in the same run, the baseline: the same payloads POSTed to the same receiver
 * with the same concurrency, without Verity.
 *
 *   DATABASE_URL=postgresql://… node --conditions=react-server --import tsx bench/webhooks.ts
 *
 * Phases: "drain" (a backlog, delivered as fast as the workers go: deliveries per second),
 * "steady" (entries committed at a fixed rate while the workers run: commit-to-receipt latency),
 * "profile" (a backlog again, every database operation of the worker pass timed).
 * Prints one JSON object on stdout (times in milliseconds), progress on stderr.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { appendAuditEntry, SYSTEM_ACTOR } from "@/lib/audit/append-audit-entry";
import { connectDb, type Db } from "@/lib/db/client";
import type { DeliverOptions } from "@/lib/webhooks/deliver-due";
import { createEndpoint } from "@/lib/webhooks/create-endpoint";
import { sendWebhook } from "@/lib/webhooks/send";
import { withBenchDatabase } from "./bench-database";
import { benchOwner } from "./bench-org";
import { benchLog, machine, percentiles, processCpuMsOf, round, sampleCpu } from "./measure";

process.env.VERITY_ALLOW_LOOPBACK_WEBHOOKS = "1";

/** The worker pass under test: lib/webhooks/deliver-due.ts, or a candidate change to it named by VERITY_BENCH_DELIVER_MODULE. */
const DELIVER_MODULE = process.env.VERITY_BENCH_DELIVER_MODULE ?? "@/lib/webhooks/deliver-due";
let deliverDueWebhooks: typeof import("@/lib/webhooks/deliver-due").deliverDueWebhooks;

const ORGS = 4;
const ENDPOINTS_PER_ORG = 5;
const WORKERS = 4;
/** The worker's own settings (lib/worker/worker.ts, lib/webhooks/deliver-due.ts): batch 50, 16 sends at once, poll every 250 ms. */
const BATCH = 50;
const SENDS_PER_WORKER = 16;
const POLL_MS = 250;
const DRAIN_ENTRIES_PER_ORG = 250; // × 4 orgs × 5 endpoints = 5,000 deliveries
const STEADY_SECONDS = 10;
const STEADY_DELIVERIES_PER_SECOND = 500; // the target rate, offered
const PROFILE_ENTRIES_PER_ORG = 100; // 2,000 deliveries
const TARGET = { deliveriesPerSecondAtLeast: 500, p50MsAtMost: 1000 };

type Receipt = { webhookId: string; entryId: string; at: number };

/** The customer's receiver: records each request's webhook-id, entry id and arrival time, answers 204. */
async function startReceiver() {
  const receipts: Receipt[] = [];
  const bodies: string[] = [];
  let waiters: (() => void)[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const at = performance.now();
      const body = Buffer.concat(chunks).toString("utf8");
      if (request.headers["webhook-id"]) {
        receipts.push({
          webhookId: String(request.headers["webhook-id"]),
          entryId: (JSON.parse(body) as { data: { id: string } }).data.id,
          at,
        });
        if (bodies.length < 2000) bodies.push(body);
      }
      response.writeHead(204).end();
      for (const wake of waiters) wake();
      waiters = [];
    });
  });
  server.keepAliveTimeout = 1;
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", 4096, done));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    receipts,
    bodies,
    /** Resolves once `count` requests have arrived since `from` (an index into receipts), or after `timeoutMs`. */
    async waitFor(from: number, count: number, timeoutMs: number) {
      const deadline = performance.now() + timeoutMs;
      while (receipts.length - from < count && performance.now() < deadline) {
        await new Promise<void>((wake) => {
          waiters.push(wake);
          setTimeout(wake, 200);
        });
      }
      return receipts.length - from >= count;
    },
    close: () => new Promise<void>((done) => (server.closeAllConnections(), server.close(() => done()))),
  };
}

async function setUp(db: Db, receiverPort: number) {
  const orgs: { id: string; endpoints: string[] }[] = [];
  for (let o = 0; o < ORGS; o++) {
    const { orgId, ctx } = await benchOwner(db, `Bench ${o}`);
    // Five endpoints is past the Free plan's limit: the benchmark's organizations are on Team.
    await db.billingAccount.updateMany({ where: { orgId }, data: { plan: "team" } });
    const endpoints: string[] = [];
    for (let e = 0; e < ENDPOINTS_PER_ORG; e++) {
      const { endpoint } = await db.$transaction((tx) =>
        createEndpoint(tx, ctx, {
          url: `http://127.0.0.1:${receiverPort}/org${o}/endpoint${e}`,
          categories: ["custom"],
        }),
      );
      endpoints.push(endpoint.id);
    }
    orgs.push({ id: orgId, endpoints });
  }
  return orgs;
}

/** Commits one audit entry (and, in the same statement, its deliveries); records when the commit returned. */
async function commitEntry(db: Db, orgId: string, n: number, commits: Map<string, number>) {
  const entry = await db.$transaction((tx) =>
    appendAuditEntry(tx, {
      orgId,
      action: "custom.bench.event",
      actor: SYSTEM_ACTOR,
      metadata: { n, note: "a benchmark event" },
    }),
  );
  commits.set(entry.id, performance.now());
}

/** 4 workers, each its own client and loop, as `verity worker` runs them: again at once while batches come back full, else every 250 ms. */
function startWorkers(clients: Db[], options: Omit<DeliverOptions, "limit" | "concurrency"> = {}) {
  const stop = new AbortController();
  const stats = { passes: 0, claimed: 0, delivered: 0, failed: 0 };
  const loops = clients.map(async (db) => {
    while (!stop.signal.aborted) {
      for (;;) {
        const pass = await deliverDueWebhooks(db, { limit: BATCH, concurrency: SENDS_PER_WORKER, ...options });
        stats.passes++;
        stats.claimed += pass.claimed;
        stats.delivered += pass.delivered;
        stats.failed += pass.failed;
        if (pass.claimed < BATCH || stop.signal.aborted) break;
      }
      await new Promise<void>((resolve) => {
        const wake = () => (clearTimeout(timer), resolve());
        const timer = setTimeout(() => (stop.signal.removeEventListener("abort", wake), resolve()), POLL_MS);
        stop.signal.addEventListener("abort", wake, { once: true });
      });
    }
  });
  return {
    stats,
    stop: async () => {
      stop.abort();
      await Promise.all(loops);
    },
  };
}

const latencyStats = (values: number[]) => ({
  ...percentiles(values, [50, 95, 99], 1),
  max: round(
    values.reduce((max, value) => Math.max(max, value), 0),
    1,
  ),
  count: values.length,
});

function duplicatesIn(receipts: Receipt[]) {
  const seen = new Set<string>();
  let duplicates = 0;
  for (const { webhookId } of receipts) {
    if (seen.has(webhookId)) duplicates++;
    seen.add(webhookId);
  }
  return duplicates;
}

async function appendBacklog(db: Db, orgs: { id: string }[], perOrg: number, commits: Map<string, number>) {
  await Promise.all(
    orgs.map(async (org) => {
      for (let n = 0; n < perOrg; n++) await commitEntry(db, org.id, n, commits);
    }),
  );
}

/**
 * The baseline: the same bodies POSTed to the same receiver with the same concurrency (4 × 16), by the same HTTP
 * client code, without Verity.
 */
async function rawPostRate(port: number, bodies: string[], total: number) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: WORKERS * SENDS_PER_WORKER }, async () => {
      for (let i = next++; i < total; i = next++) {
        const result = await sendWebhook({
          url: `http://127.0.0.1:${port}/baseline`,
          address: "127.0.0.1",
          headers: { "x-baseline": "1" },
          body: bodies[i % bodies.length],
        });
        if (!result.ok) throw new Error(`baseline POST failed: ${result.error}`);
      }
    }),
  );
  return total / ((performance.now() - started) / 1000);
}

/** Every database operation of the worker pass, timed through a Prisma query extension. */
function profiledClient(url: string, timings: Map<string, number[]>): Db {
  return connectDb(url).$extends({
    query: {
      async $allOperations({ model, operation, args, query }) {
        const started = performance.now();
        try {
          return await query(args);
        } finally {
          const key = `${model ?? "raw"}.${operation}`;
          const list = timings.get(key) ?? [];
          list.push(performance.now() - started);
          timings.set(key, list);
        }
      },
    },
  }) as unknown as Db;
}

async function main(): Promise<number> {
  ({ deliverDueWebhooks } = (await import(DELIVER_MODULE)) as typeof import("@/lib/webhooks/deliver-due"));
  const report = await withBenchDatabase(async (url) => {
    const receiver = await startReceiver();
    const db = connectDb(url);
    const workerClients = Array.from({ length: WORKERS }, () => connectDb(url));
    try {
      const orgs = await setUp(db, receiver.port);
      const deliveriesPerEntry = ENDPOINTS_PER_ORG;

      // Drain: a backlog committed first, then delivered by the 4 workers as fast as they go.
      benchLog(
        `drain: committing ${DRAIN_ENTRIES_PER_ORG * ORGS} entries (${DRAIN_ENTRIES_PER_ORG * ORGS * deliveriesPerEntry} deliveries)`,
      );
      const drainCommits = new Map<string, number>();
      await appendBacklog(db, orgs, DRAIN_ENTRIES_PER_ORG, drainCommits);
      const drainTotal = DRAIN_ENTRIES_PER_ORG * ORGS * deliveriesPerEntry;
      const drainFrom = receiver.receipts.length;
      const drainStarted = performance.now();
      const drainCpu = sampleCpu();
      let workers = startWorkers(workerClients);
      const drained = await receiver.waitFor(drainFrom, drainTotal, 300_000);
      const drainSeconds = (performance.now() - drainStarted) / 1000;
      const drainCpuMs = drainCpu.stop().processCpuMs;
      await workers.stop();
      const drainReceipts = receiver.receipts.slice(drainFrom);
      const drainStats = { ...workers.stats };
      benchLog(`drain: ${drainReceipts.length} deliveries in ${drainSeconds.toFixed(2)} s`);

      // Baseline: the same payloads, the same concurrency, no Verity.
      benchLog("baseline: raw loopback POSTs");
      const baselineBodies = [...receiver.bodies];
      const baseline = await processCpuMsOf(() => rawPostRate(receiver.port, baselineBodies, drainTotal));
      const { result: baselineRate, cpuMs: baselineCpuMs } = baseline;

      // Steady: entries committed at the target rate while the workers run; commit to receipt.
      const entriesPerSecondPerOrg = STEADY_DELIVERIES_PER_SECOND / deliveriesPerEntry / ORGS;
      const steadyEntries = Math.round(entriesPerSecondPerOrg * STEADY_SECONDS);
      benchLog(`steady: ${STEADY_DELIVERIES_PER_SECOND} deliveries/s offered for ${STEADY_SECONDS} s`);
      const steadyCommits = new Map<string, number>();
      const steadyFrom = receiver.receipts.length;
      workers = startWorkers(workerClients);
      const steadyStarted = performance.now();
      let behind = 0;
      await Promise.all(
        orgs.map(async (org) => {
          for (let n = 0; n < steadyEntries; n++) {
            const due = steadyStarted + (n * 1000) / entriesPerSecondPerOrg;
            const wait = due - performance.now();
            if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
            else behind = Math.max(behind, -wait);
            await commitEntry(db, org.id, n, steadyCommits);
          }
        }),
      );
      const committedSeconds = (performance.now() - steadyStarted) / 1000;
      const steadyTotal = steadyEntries * ORGS * deliveriesPerEntry;
      await receiver.waitFor(steadyFrom, steadyTotal, 120_000);
      const steadySeconds = (performance.now() - steadyStarted) / 1000;
      await workers.stop();
      const steadyReceipts = receiver.receipts.slice(steadyFrom);
      const latencies = steadyReceipts.flatMap(({ entryId, at }) =>
        steadyCommits.has(entryId) ? [at - steadyCommits.get(entryId)!] : [],
      );
      const steadyStats = { ...workers.stats };

      // Profile: where a worker pass spends its time.
      benchLog("profile: timing every database operation of the worker pass");
      const timings = new Map<string, number[]>();
      const sendTimes: number[] = [];
      const profileCommits = new Map<string, number>();
      await appendBacklog(db, orgs, PROFILE_ENTRIES_PER_ORG, profileCommits);
      const profileTotal = PROFILE_ENTRIES_PER_ORG * ORGS * deliveriesPerEntry;
      const profiled = Array.from({ length: WORKERS }, () => profiledClient(url, timings));
      const profileFrom = receiver.receipts.length;
      const profileStarted = performance.now();
      workers = startWorkers(profiled, {
        send: async (request) => {
          const started = performance.now();
          try {
            return await sendWebhook(request);
          } finally {
            sendTimes.push(performance.now() - started);
          }
        },
      });
      await receiver.waitFor(profileFrom, profileTotal, 300_000);
      const profileSeconds = (performance.now() - profileStarted) / 1000;
      await workers.stop();
      await Promise.all(profiled.map((client) => client.$disconnect()));
      const operations = Object.fromEntries(
        [...timings.entries()]
          .map(([name, values]) => [
            name,
            {
              count: values.length,
              perDelivery: round(values.length / profileTotal, 2),
              meanMs: round(values.reduce((a, b) => a + b, 0) / values.length, 2),
              p95Ms: percentiles(values, [95], 2).p95,
              totalMs: Math.round(values.reduce((a, b) => a + b, 0)),
            },
          ])
          .sort(([, a], [, b]) => (b as { totalMs: number }).totalMs - (a as { totalMs: number }).totalMs),
      );

      const [{ attempts, deliveries, failed, pending }] = await db.$queryRaw<
        { attempts: bigint; deliveries: bigint; failed: bigint; pending: bigint }[]
      >`
        SELECT (SELECT count(*) FROM webhook_attempts) AS attempts, count(*) AS deliveries,
               count(*) FILTER (WHERE status = 'failed') AS failed, count(*) FILTER (WHERE status = 'pending') AS pending
          FROM webhook_deliveries`;
      const drainRate = drainReceipts.length / drainSeconds;
      const steadyLatency = latencyStats(latencies);
      const allReceipts = receiver.receipts;
      return {
        deliverModule: DELIVER_MODULE,
        machine: machine(),
        config: {
          orgs: ORGS,
          endpointsPerOrg: ENDPOINTS_PER_ORG,
          workers: WORKERS,
          batch: BATCH,
          sendsPerWorker: SENDS_PER_WORKER,
          pollMs: POLL_MS,
          dbPoolPerWorker: Number(process.env.VERITY_DB_POOL_SIZE ?? 10),
        },
        drain: {
          deliveries: drainReceipts.length,
          complete: drained,
          seconds: round(drainSeconds, 2),
          deliveriesPerSecond: round(drainRate, 1),
          workerPasses: drainStats.passes,
          /** Node CPU (workers and receiver, one process) per delivery: above 1000 / cores ms, one process cannot go faster. */
          processCpuMsPerDelivery: round(drainCpuMs / Math.max(1, drainReceipts.length), 2),
        },
        baseline: {
          rawLoopbackPostsPerSecond: round(baselineRate, 1),
          posts: drainTotal,
          concurrency: WORKERS * SENDS_PER_WORKER,
          processCpuMsPerPost: round(baselineCpuMs / drainTotal, 2),
        },
        verityVsBaseline: round(drainRate / baselineRate, 3),
        steady: {
          offeredDeliveriesPerSecond: STEADY_DELIVERIES_PER_SECOND,
          achievedCommitSeconds: round(committedSeconds, 2),
          appendersFellBehindMs: Math.round(behind),
          deliveries: steadyReceipts.length,
          expected: steadyTotal,
          deliveredPerSecond: round(steadyReceipts.length / steadySeconds, 1),
          commitToReceiptMs: steadyLatency,
          workerPasses: steadyStats.passes,
        },
        profile: {
          deliveries: profileTotal,
          seconds: round(profileSeconds, 2),
          deliveriesPerSecond: round(profileTotal / profileSeconds, 1),
          sendMs: latencyStats(sendTimes),
          operations,
        },
        totals: {
          deliveries: Number(deliveries),
          attempts: Number(attempts),
          failed: Number(failed),
          pending: Number(pending),
          received: allReceipts.length,
          duplicates: duplicatesIn(allReceipts),
        },
        target: TARGET,
        meetsTarget:
          drainRate >= TARGET.deliveriesPerSecondAtLeast &&
          steadyLatency.p50 <= TARGET.p50MsAtMost &&
          duplicatesIn(allReceipts) === 0,
      };
    } finally {
      await Promise.all([db, ...workerClients].map((client) => client.$disconnect()));
      await receiver.close();
    }
  });
  if (!report) return 2;
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    benchLog(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
