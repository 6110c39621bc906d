/**
 * The integrator on PostgreSQL (bench/checkpoints.ts runs it when DATABASE_URL is PostgreSQL):
 * - checkpoint lag: appends paced at 1,000 per second across 10 organizations (standalone appends, the
 *   group-committed path of denials and API ingestion) while the worker's "audit checkpoints" job runs with
 *   VERITY_CHECKPOINT_INTERVAL=1 (BENCH_CHECKPOINT_INTERVAL to change it) in a worker process of its own
 *   (bench/integrator-worker.ts), as `verity start` runs its worker beside the web server's process that appends;
 *   an entry's lag is from its append's commit to the moment a poll (every 10 ms) sees a checkpoint covering it;
 * - append throughput with the integrator running against without it: unpaced appends by 16 writers, rounds in
 *   ABBA order (without, with, with, without, …), the same run; each round with the integrator starts once it has
 *   caught up with the entries of the rounds before (in steady state, as a worker that runs all along);
 * - the monitor's check of one new checkpoint (bench/monitor-check.ts), first, while no integrator runs.
 */
import { fork } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { appendAuditEntryOnItsOwn } from "@/lib/audit/append-audit-entry-on-its-own";
import type { AuditEvent } from "@/lib/audit/append-audit-entry";
import { connectDb, type Db } from "@/lib/db/client";
import { createOrganization } from "@/lib/orgs/create-organization";
import { withBenchDatabase } from "./bench-database";
import { benchLog, driveConcurrently, percentiles, round } from "./measure";
import { measureMonitorCheck } from "./monitor-check";

const ORGS = 10;
const RATE = 1_000;
const LAG_SECONDS = 20;
const WRITERS = 16;
const THROUGHPUT_SECONDS = 5;
/** Rounds of each kind, with and without the integrator. */
const ROUNDS = 4;
const TARGETS = { lagP95Ms: 2_000, throughputRatioMin: 0.9 };

const event = (orgId: string, n: number): AuditEvent => ({
  orgId,
  action: "custom.bench.document_viewed",
  actor: { type: "api_key", id: "key_bench", display: "bench key" },
  target: { type: "document", id: `doc-${n % 1000}`, display: "Quarterly report" },
  context: { ip: "203.0.113.7", userAgent: "verity-bench/1.0", geo: null, requestId: `req-${n}` },
  metadata: { n, source: "benchmark" },
});

async function createOrgs(db: Db): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < ORGS; i++) {
    const org = await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email: `lag-${i}@example.test`, name: `Lag ${i}`, passwordHash: "x" },
      });
      const actor = { type: "user" as const, id: user.id, display: user.email };
      return createOrganization(tx, { name: `Lag org ${i}`, ownerId: user.id, actor, context: null });
    });
    ids.push(org.id);
  }
  return ids;
}

/**
 * Starts the worker's audit checkpoints job in a process of its own on `url` and resolves once it is connected;
 * `running` rejects if that process ends before it is stopped, and `stop` ends it and waits for it to exit.
 */
async function startIntegrator(url: string): Promise<{ running: Promise<never>; stop: () => Promise<void> }> {
  const child = fork(fileURLToPath(new URL("./integrator-worker.ts", import.meta.url)), [url], {
    execArgv: ["--conditions=react-server", "--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  let stopping = false;
  const exited = new Promise<void>((resolve, reject) =>
    child.once("exit", (code, signal) =>
      code === 0 && stopping ? resolve() : reject(new Error(`the integrator's process ended with ${code ?? signal}`)),
    ),
  );
  exited.catch(() => undefined); // awaited by stop, or raced through `running`
  const running = exited.then(() => Promise.reject(new Error("the integrator's process ended")));
  running.catch(() => undefined);
  await Promise.race([once(child, "message"), running]);
  return {
    running,
    stop: async () => {
      stopping = true;
      if (child.connected) child.send("stop", () => undefined);
      else child.kill();
      await exited;
    },
  };
}

/** Runs `measure` with the integrator running in its own process, and always stops that process. */
async function withIntegrator<T>(url: string, measure: () => Promise<T>): Promise<T> {
  const integrator = await startIntegrator(url);
  try {
    return await Promise.race([measure(), integrator.running]);
  } finally {
    await integrator.stop().catch((error: unknown) => benchLog(`stopping the integrator: ${(error as Error).message}`));
  }
}

async function covered(db: Db): Promise<Map<string, bigint>> {
  const rows = await db.$queryRaw<{ org_id: string; size: bigint }[]>`
    SELECT org_id::text AS org_id, max(size) AS size FROM audit_checkpoints GROUP BY org_id`;
  return new Map(rows.map((row) => [row.org_id, row.size]));
}

async function measureLag(db: Db, orgIds: string[]) {
  const waiting = new Map<string, { seq: bigint; at: number }[]>(orgIds.map((id) => [id, []]));
  const lags: number[] = [];
  let appending = true;
  const poller = (async () => {
    while (appending || [...waiting.values()].some((list) => list.length > 0)) {
      const sizes = await covered(db);
      const now = performance.now();
      for (const [orgId, list] of waiting) {
        const size = sizes.get(orgId) ?? 0n;
        while (list.length > 0 && list[0].seq <= size) lags.push(now - list.shift()!.at);
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  const started = performance.now();
  const total = RATE * LAG_SECONDS;
  const appends: Promise<void>[] = [];
  for (let n = 0; n < total; n++) {
    const due = started + (n * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const orgId = orgIds[n % orgIds.length];
    appends.push(
      appendAuditEntryOnItsOwn(db, event(orgId, n)).then(({ seq }) => {
        const list = waiting.get(orgId)!;
        // Commits of one org come back in seq order but may interleave: keep the list sorted.
        let at = list.length;
        while (at > 0 && list[at - 1].seq > seq) at--;
        list.splice(at, 0, { seq, at: performance.now() });
      }),
    );
  }
  await Promise.all(appends);
  const seconds = (performance.now() - started) / 1000;
  appending = false;
  await poller;
  const lag = percentiles(lags, [50, 95, 99]);
  return {
    appendsPerSecond: round(total / seconds, 0),
    entries: lags.length,
    lagMs: lag,
    target: { p95Ms: TARGETS.lagP95Ms, met: lag.p95 <= TARGETS.lagP95Ms },
  };
}

/** Resolves once every organization's latest checkpoint covers its whole chain (the integrator has caught up). */
async function caughtUp(db: Db, orgIds: string[]): Promise<void> {
  const deadline = performance.now() + 120_000;
  for (;;) {
    if (performance.now() > deadline) throw new Error("the integrator did not catch up within two minutes");
    const rows = await db.$queryRaw<{ behind: bigint }[]>`
      SELECT count(*) AS behind FROM audit_chain_heads h
       WHERE h.org_id = ANY(${orgIds}::uuid[])
         AND h.seq > coalesce((SELECT max(size) FROM audit_checkpoints c WHERE c.org_id = h.org_id), 0)`;
    if (rows[0].behind === 0n) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function appendRate(db: Db, orgIds: string[]): Promise<number> {
  const drive = await driveConcurrently({
    total: Number.MAX_SAFE_INTEGER,
    concurrency: WRITERS,
    maxSeconds: THROUGHPUT_SECONDS,
    op: (n) => appendAuditEntryOnItsOwn(db, event(orgIds[n % orgIds.length], n)),
  });
  return drive.done / drive.seconds;
}

/**
 * Rounds of each kind, in the order without, with, with, without, … (ABBA), so that any drift of the append rate
 * during a run falls on both kinds alike. Before each round the tables the appends touch are analyzed, as autovacuum
 * would: on a server running without it (this machine's test server), statistics from the empty tables made the
 * appends' plans worse as the trail grew, and the rate fell by two thirds over forty seconds (it held at ~2,900/s with
 * an ANALYZE between rounds).
 */
async function measureThroughput(db: Db, url: string, orgIds: string[]) {
  const without: number[] = [];
  const alongside: number[] = [];
  // The same pause before every round, so that neither kind starts on a machine just quieter than the other's.
  const settle = async () => {
    await db.$executeRawUnsafe("ANALYZE audit_entries, audit_chain_heads, audit_checkpoints, audit_tree_tiles");
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  };
  for (let n = 0; n < ROUNDS * 2; n++) {
    if (n % 4 === 0 || n % 4 === 3) {
      await settle();
      without.push(await appendRate(db, orgIds));
      benchLog(`round ${n + 1}: ${Math.round(without.at(-1)!)}/s without the integrator`);
      continue;
    }
    await withIntegrator(url, async () => {
      // In steady state, as in a product whose worker runs all along: the entries of the rounds before integrated first.
      await caughtUp(db, orgIds);
      await settle();
      alongside.push(await appendRate(db, orgIds));
    });
    benchLog(`round ${n + 1}: ${Math.round(alongside.at(-1)!)}/s with the integrator`);
  }
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = sorted.length / 2;
    return Number.isInteger(middle) ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[Math.floor(middle)];
  };
  const ratio = round(median(alongside) / median(without), 3);
  return {
    writers: WRITERS,
    rounds: { without: without.map(Math.round), withIntegrator: alongside.map(Math.round) },
    appendsPerSecondWithout: Math.round(median(without)),
    appendsPerSecondWithIntegrator: Math.round(median(alongside)),
    ratio,
    target: { ratioMin: TARGETS.throughputRatioMin, met: ratio >= TARGETS.throughputRatioMin },
  };
}

/** Both measurements in a throwaway database; null without a PostgreSQL DATABASE_URL. */
export async function measureIntegratorOnPostgres() {
  process.env.VERITY_CHECKPOINT_INTERVAL = process.env.BENCH_CHECKPOINT_INTERVAL ?? "1";
  return withBenchDatabase(async (url) => {
    const db = connectDb(url);
    try {
      benchLog("the monitor's check of one new checkpoint");
      const monitor = await measureMonitorCheck(db);
      const orgIds = await createOrgs(db);
      benchLog(`checkpoint lag at ${RATE} appends/s over ${ORGS} orgs for ${LAG_SECONDS} s`);
      const lag = await withIntegrator(url, () => measureLag(db, orgIds));
      benchLog("append throughput with and without the integrator");
      const throughput = await measureThroughput(db, url, orgIds);
      return {
        checkpointIntervalSeconds: Number(process.env.VERITY_CHECKPOINT_INTERVAL),
        orgs: ORGS,
        lag,
        throughput,
        monitor,
      };
    } finally {
      await db.$disconnect();
    }
  });
}
