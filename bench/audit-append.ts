/**
 * Audit-trail append throughput: the hash-chained append (lib/audit/append-audit-entry.ts) against a
 * plain INSERT of the same rows, for one busy organization and for many organizations.
 *
 *   DATABASE_URL=postgresql://… node --conditions=react-server --import tsx bench/audit-append.ts
 *   (BENCH_ONLY=in-transaction: only the appends inside a transaction and their plain baseline)
 *
 * It works in a throwaway database `verity_bench_<timestamp>` on DATABASE_URL's server (dropped at
 * the end, also on failure or Ctrl-C), prints one JSON object on stdout and its progress on stderr.
 *
 * The baseline goes through the same path as the product (a Prisma interactive transaction per
 * entry, same app-side preparation and content hash) into a copy of audit_entries with the same
 * columns, indexes and foreign key but no chain head, so the difference between the two is the cost
 * of the chain and nothing else. The "rawSql" section repeats the measurements with `pg` directly, to
 * tell the cost of the SQL (and of the head's row lock) from the cost of Prisma's transaction path.
 */
import os from "node:os";
import pg from "pg";
import { appendAuditEntry, prepareAuditEntry, type AuditEvent } from "@/lib/audit/append-audit-entry";
import { appendAuditEntryOnItsOwn } from "@/lib/audit/append-audit-entry-on-its-own";
import { APPEND_BATCH_SQL, INSERT_PENDING_SQL, appendBatchParams } from "@/lib/audit/append-batch";
import { GENESIS_HASH } from "@/lib/audit/entry-content";
import { verifyChain } from "@/lib/audit/verify-chain";
import { connectDb, type Db, type Tx } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrations/apply-migrations";
import { createOrganization } from "@/lib/orgs/create-organization";
import { withAdmin } from "./bench-database";
import { benchLog, driveConcurrently, percentiles, round as roundTo, sampleCpu, systemCpuTimes } from "./measure";

const WRITERS = 16;
const MANY_ORGS = 64;
/** Not timed: fills the pools, JIT-compiles the hot paths and warms PostgreSQL's caches. */
const WARMUP_APPENDS = 300;
const APPENDS_PER_SCENARIO = 4_000;
/** Each Prisma scenario alternates chained and plain runs this many times (see measurePair). */
const ROUNDS = 2;
/** The pg-only scenarios explain the Prisma ones; a shorter run is enough. */
const RAW_APPENDS_PER_SCENARIO = 2_000;
/** A run stops early past this, so a slow machine still finishes in reasonable time. */
const MAX_SECONDS_PER_RUN = 6;
/** The writers plus headroom, so no writer ever waits for a connection rather than for the database. */
const POOL_SIZE = Math.max(Number(process.env.VERITY_DB_POOL_SIZE ?? 0), WRITERS + 4);

const TARGETS = { oneOrgMin: 1_000, manyOrgsMin: 2_500, maxRatioManyOrgs: 1.2 };

const log = benchLog;

let stopRequested = false;

// ---------------------------------------------------------------------------------------------
// Entries

function benchEvent(orgId: string, n: number): AuditEvent {
  // Shaped like a customer event ingested through the API: every optional column filled.
  return {
    orgId,
    action: "custom.bench.document_viewed",
    actor: { type: "api_key", id: "key_bench", display: "bench key" },
    target: { type: "document", id: `doc-${n % 1000}`, display: "Quarterly report" },
    context: { ip: "203.0.113.7", userAgent: "verity-bench/1.0", geo: null, requestId: `req-${n}` },
    metadata: { n, source: "benchmark" },
  };
}

/** The app-side half of appendAuditEntry: the baselines pay for it too, or the ratio would charge it to the chain. */
const prepareEntry = prepareAuditEntry;
type PreparedEntry = ReturnType<typeof prepareEntry>;

/** The row's values in audit_entries column order after `seq` (see COLUMNS), for paramsOf. */
function rowValues({ content, contentHash }: PreparedEntry): unknown[] {
  return [
    content.occurredAt,
    content.category,
    content.action,
    content.actor.type,
    content.actor.id,
    content.actor.display,
    content.target?.type ?? null,
    content.target?.id ?? null,
    content.target?.display ?? null,
    content.outcome,
    content.ip,
    content.userAgent,
    content.geo === null ? null : JSON.stringify(content.geo),
    content.requestId,
    JSON.stringify(content.metadata),
    contentHash,
  ];
}

/** $1 id, $2 org, $3…$18 the row values, as RAW_PLAIN_INSERT numbers them. */
function paramsOf(entry: PreparedEntry): unknown[] {
  return [entry.content.id, entry.content.orgId, ...rowValues(entry)];
}

/**
 * The unchained table has no links; it stores placeholders of the same size so the rows (and the
 * index and WAL volume) match the chained ones.
 */
async function insertPlain(tx: Tx | Db, entry: PreparedEntry, seq: bigint): Promise<void> {
  const { content, contentHash } = entry;
  await tx.$executeRaw`
    INSERT INTO bench_plain_entries (
      id, org_id, seq, occurred_at, category, action,
      actor_type, actor_id, actor_display, target_type, target_id, target_display,
      outcome, ip, user_agent, geo, request_id, metadata, content_hash, prev_hash, hash
    ) VALUES (
      ${content.id}::uuid, ${content.orgId}::uuid, ${seq}, ${content.occurredAt}::timestamptz,
      ${content.category}, ${content.action},
      ${content.actor.type}, ${content.actor.id}, ${content.actor.display},
      ${content.target?.type ?? null}, ${content.target?.id ?? null}, ${content.target?.display ?? null},
      ${content.outcome}, ${content.ip}, ${content.userAgent},
      ${content.geo === null ? null : JSON.stringify(content.geo)}::jsonb, ${content.requestId},
      ${JSON.stringify(content.metadata)}::jsonb, ${contentHash}, ${GENESIS_HASH}, ${contentHash}
    )`;
}

/**
 * Hands out seqs per org for the unchained table, whose (org_id, seq) index is unique too. One
 * counter for the whole run: every baseline scenario writes to the same table.
 */
const lastPlainSeq = new Map<string, bigint>();
function nextPlainSeq(orgId: string): bigint {
  const seq = (lastPlainSeq.get(orgId) ?? 0n) + 1n;
  lastPlainSeq.set(orgId, seq);
  return seq;
}

// The baseline's statement, with pg's positional parameters; the chained one is the product's own
// (APPEND_BATCH_SQL, an entry being a batch of one).
const COLUMNS = `id, org_id, seq, occurred_at, category, action,
  actor_type, actor_id, actor_display, target_type, target_id, target_display,
  outcome, ip, user_agent, geo, request_id, metadata, content_hash, prev_hash, hash`;
const RAW_PLAIN_INSERT = `
  INSERT INTO bench_plain_entries (${COLUMNS})
  VALUES ($1::uuid, $2::uuid, $19, $3::timestamptz, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14,
          $15::jsonb, $16, $17::jsonb, $18, '${GENESIS_HASH}', $18)`;

// ---------------------------------------------------------------------------------------------
// Measurement

type Op = (n: number) => Promise<void>;

/** The raw numbers of one timed run. */
type Run = {
  appends: number;
  seconds: number;
  latencies: number[];
  nodeCpuMs: number;
  systemCpu: { busy: number; total: number };
  eventLoopDelayP99Ms: number;
  waits: Map<string, number>;
};

type Summary = {
  appends: number;
  seconds: number;
  perSec: number;
  /** Each round's rate: their spread is the run-to-run noise of the machine. */
  roundsPerSec: number[];
  latencyMs: { p50: number; p95: number; p99: number };
  /** This process's CPU time over wall time: 100 is one core saturated by the client side. */
  nodeCpuPct: number;
  /** All cores, this process and PostgreSQL included: 100 is the machine saturated. */
  systemCpuPct: number;
  /** How late the event loop ran: time a COMMIT waits to be sent while the head's row lock is held. */
  eventLoopDelayP99Ms: number;
  /** Share of sampled busy backends in each state: where the server-side time goes. */
  pgWaits: Record<string, number>;
};

const round = (value: number, digits = 2) => roundTo(value, digits);

/**
 * Polls pg_stat_activity while a run goes on. A backend "idle in transaction" is one whose client has
 * not sent the next statement yet: for the chained append, a head lock held while Node gets round to
 * sending COMMIT.
 */
function sampleWaits(sampler: pg.Client): { stop: () => Promise<Map<string, number>> } {
  const counts = new Map<string, number>();
  let running = true;
  const loop = (async () => {
    // A failed poll ends the sampling, not the benchmark: the waits are an explanation, not a result.
    while (running) {
      const { rows } = await sampler.query<{ state: string; n: number }>(`
        SELECT CASE WHEN state = 'idle in transaction' THEN 'Client:IdleInTransaction'
                    WHEN wait_event IS NULL THEN 'CPU'
                    ELSE wait_event_type || ':' || wait_event END AS state,
               count(*)::int AS n
          FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid()
           AND backend_type = 'client backend' AND state <> 'idle'
         GROUP BY 1`);
      for (const { state, n } of rows) counts.set(state, (counts.get(state) ?? 0) + n);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  })().catch((error: unknown) => log(`wait sampling stopped: ${(error as Error).message}`));
  return {
    stop: async () => {
      running = false;
      await loop;
      return counts;
    },
  };
}

/** Runs `op` `total` times across WRITERS concurrent loops, each waiting for its previous op. */
async function drive(total: number, op: Op, sampler: pg.Client): Promise<Run> {
  const sampling = sampleWaits(sampler);
  const cpu = sampleCpu();
  let run: Awaited<ReturnType<typeof driveConcurrently>> | undefined;
  let waits: Map<string, number>;
  let used: ReturnType<ReturnType<typeof sampleCpu>["stop"]>;
  try {
    const stop = () => stopRequested;
    run = await driveConcurrently({ total, concurrency: WRITERS, op, maxSeconds: MAX_SECONDS_PER_RUN, stop });
  } finally {
    used = cpu.stop();
    waits = await sampling.stop();
  }
  return {
    appends: run.done,
    seconds: run.seconds,
    latencies: run.latencies,
    nodeCpuMs: used.processCpuMs,
    systemCpu: used.systemCpu,
    eventLoopDelayP99Ms: used.eventLoopDelayP99Ms,
    waits,
  };
}

function summarize(runs: Run[]): Summary {
  const sum = (f: (run: Run) => number) => runs.reduce((total, run) => total + f(run), 0);
  const appends = sum((run) => run.appends);
  const seconds = sum((run) => run.seconds);
  const latencies = runs.flatMap((run) => run.latencies);
  const waits = new Map<string, number>();
  for (const run of runs) for (const [state, n] of run.waits) waits.set(state, (waits.get(state) ?? 0) + n);
  const samples = [...waits.values()].reduce((a, b) => a + b, 0);
  return {
    appends,
    seconds: round(seconds, 3),
    perSec: Math.round(appends / seconds),
    roundsPerSec: runs.map((run) => Math.round(run.appends / run.seconds)),
    latencyMs: percentiles(latencies, [50, 95, 99], 2),
    nodeCpuPct: Math.round((sum((run) => run.nodeCpuMs) / (seconds * 1000)) * 100),
    systemCpuPct: Math.round(
      (sum((run) => run.systemCpu.busy) /
        Math.max(
          1,
          sum((run) => run.systemCpu.total),
        )) *
        100,
    ),
    eventLoopDelayP99Ms: round(Math.max(...runs.map((run) => run.eventLoopDelayP99Ms))),
    pgWaits: Object.fromEntries(
      [...waits]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 5)
        .map(([state, n]) => [state, round(n / Math.max(1, samples))]),
    ),
  };
}

/**
 * Measures a chained op against its plain baseline in alternating rounds (chained first, then plain
 * first), so a drift of the machine during the run weighs on both alike.
 */
async function measurePair(label: string, chained: Op, plain: Op, appends: number, rounds: number, sampler: pg.Client) {
  let n = 0;
  const go = (op: Op, count: number) => drive(count, (i) => op(n + i), sampler).finally(() => (n += count));
  log(`${label}: warm-up`);
  await go(chained, WARMUP_APPENDS);
  await go(plain, WARMUP_APPENDS);
  const runs = { chained: [] as Run[], plain: [] as Run[] };
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? (["chained", "plain"] as const) : (["plain", "chained"] as const);
    for (const kind of order) {
      // Analyzed as autovacuum would (a server without it, like some test machines, keeps the empty tables' plans).
      await sampler.query("ANALYZE");
      runs[kind].push(await go(kind === "chained" ? chained : plain, Math.ceil(appends / rounds)));
      if (stopRequested) throw new Error("interrupted");
    }
  }
  const result = { chained: summarize(runs.chained), plain: summarize(runs.plain) };
  const comparison = {
    chainedPerSec: result.chained.perSec,
    plainPerSec: result.plain.perSec,
    ratio: round(result.plain.perSec / result.chained.perSec),
    ...result,
  };
  log(`${label}: chained ${comparison.chainedPerSec}/s, plain ${comparison.plainPerSec}/s, ratio ${comparison.ratio}`);
  return comparison;
}

/** Uniformly random, so two of the 16 in-flight appends sometimes hit the same org, as in real traffic. */
const pick = (orgIds: string[]) => orgIds[Math.floor(Math.random() * orgIds.length)];

// ---------------------------------------------------------------------------------------------
// Scenarios

/**
 * The product's two ways to append: inside a business change's interactive transaction, and on its
 * own (appendAuditEntryOnItsOwn(db, …): one statement, for events that change nothing else, such as denials,
 * failed sign-ins and ingested customer events).
 */
async function prismaScenarios(
  db: Db,
  sampler: pg.Client,
  oneOrgId: string,
  manyOrgIds: string[],
  standalone: boolean,
) {
  const chained =
    (orgIds: string[]): Op =>
    async (n) => {
      const event = benchEvent(pick(orgIds), n);
      await (standalone ? appendAuditEntryOnItsOwn(db, event) : db.$transaction((tx) => appendAuditEntry(tx, event)));
    };
  const plain =
    (orgIds: string[]): Op =>
    async (n) => {
      const entry = prepareEntry(benchEvent(pick(orgIds), n));
      const seq = nextPlainSeq(entry.content.orgId);
      await (standalone ? insertPlain(db, entry, seq) : db.$transaction((tx) => insertPlain(tx, entry, seq)));
    };
  const mode = standalone ? "standalone" : "in a transaction";
  const measure = (label: string, orgIds: string[]) =>
    measurePair(`prisma ${mode}, ${label}`, chained(orgIds), plain(orgIds), APPENDS_PER_SCENARIO, ROUNDS, sampler);
  return { oneOrg: await measure("1 org", [oneOrgId]), manyOrgs: await measure(`${MANY_ORGS} orgs`, manyOrgIds) };
}

/**
 * The same statements through `pg` directly, to separate the SQL from Prisma. "transaction" mirrors
 * Prisma's interactive transaction and the product's in-transaction append (BEGIN, the pending entry's
 * INSERT, COMMIT, then the link after the commit, in autocommit: the org's link lock and head held by that
 * short statement and its commit only); "autocommit" sends the group-commit statement (APPEND_BATCH_SQL) alone, which holds the
 * lock for that statement and its commit's WAL flush.
 */
async function rawSqlScenarios(url: string, sampler: pg.Client, oneOrgId: string, manyOrgIds: string[]) {
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE });
  try {
    const chained =
      (orgIds: string[], inTransaction: boolean): Op =>
      async (n) => {
        const entry = prepareEntry(benchEvent(pick(orgIds), n));
        await run(
          pool,
          inTransaction,
          inTransaction ? INSERT_PENDING_SQL : APPEND_BATCH_SQL,
          appendBatchParams([entry]),
        );
        // As the client's $transaction does after the commit (lib/audit/link-committed.ts).
        if (inTransaction)
          await pool.query("SELECT count(*) FROM verity_link_pending_audit_entries($1::uuid[], $2::uuid[])", [
            [entry.content.orgId],
            [entry.content.id],
          ]);
      };
    const plain =
      (orgIds: string[], inTransaction: boolean): Op =>
      async (n) => {
        const entry = prepareEntry(benchEvent(pick(orgIds), n));
        await run(pool, inTransaction, RAW_PLAIN_INSERT, [
          ...paramsOf(entry),
          nextPlainSeq(entry.content.orgId).toString(),
        ]);
      };
    const shapes = { oneOrg: [oneOrgId], manyOrgs: manyOrgIds };
    const result: Record<string, Record<string, Awaited<ReturnType<typeof measurePair>>>> = {};
    for (const [shape, orgIds] of Object.entries(shapes)) {
      result[shape] = {};
      for (const [mode, inTransaction] of [
        ["transaction", true],
        ["autocommit", false],
      ] as const) {
        result[shape][mode] = await measurePair(
          `pg ${mode}, ${shape}`,
          chained(orgIds, inTransaction),
          plain(orgIds, inTransaction),
          RAW_APPENDS_PER_SCENARIO,
          1,
          sampler,
        );
      }
    }
    return result;
  } finally {
    await pool.end();
  }
}

async function run(pool: pg.Pool, inTransaction: boolean, sql: string, params: unknown[]) {
  const client = await pool.connect();
  try {
    if (!inTransaction) {
      await client.query(sql, params);
      return;
    }
    await client.query("BEGIN");
    try {
      await client.query(sql, params);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    }
  } finally {
    client.release();
  }
}

// ---------------------------------------------------------------------------------------------
// Setup, verification, teardown

async function createOrgs(db: Db, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    // A dummy password hash: signUp's argon2 would only add seconds to the setup.
    const org = await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email: `bench-${i}@example.test`, name: `Bench ${i}`, passwordHash: "x" },
      });
      return createOrganization(tx, {
        name: `Bench org ${i}`,
        ownerId: user.id,
        actor: { type: "user", id: user.id, display: user.email },
        context: null,
      });
    });
    ids.push(org.id);
  }
  return ids;
}

async function verifyAll(db: Db, oneOrgId: string, manyOrgIds: string[]) {
  // Every append has returned, so every entry must be linked already: verification would link leftovers first.
  const leftPending = await db.auditPendingEntry.count();
  const one = await verifyChain({ db, orgId: oneOrgId });
  let manyOk = true;
  let manyChecked = 0;
  for (const orgId of manyOrgIds) {
    const result = await verifyChain({ db, orgId });
    manyOk &&= result.ok && result.checked === Number(result.headSeq);
    manyChecked += result.checked;
  }
  const oneOk = one.ok && one.checked === Number(one.headSeq);
  return {
    chainVerified: oneOk && manyOk && leftPending === 0,
    leftPending,
    chains: {
      oneOrg: { ok: oneOk, checked: one.checked, firstBad: one.firstBad?.detail ?? null },
      manyOrgs: { ok: manyOk, orgs: manyOrgIds.length, checked: manyChecked },
    },
  };
}

async function serverInfo(client: pg.Client) {
  const setting = async (name: string) =>
    (await client.query(`SELECT current_setting($1) AS v`, [name])).rows[0].v as string;
  return {
    version: await setting("server_version"),
    synchronousCommit: await setting("synchronous_commit"),
    fsync: await setting("fsync"),
    maxConnections: Number(await setting("max_connections")),
  };
}

/**
 * How busy the machine is before the benchmark starts. On a shared machine other work competes with
 * both the client and PostgreSQL, and the figures mean little when this is high.
 */
async function busyBeforeStartPct(): Promise<number> {
  const before = systemCpuTimes();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const after = systemCpuTimes();
  return Math.round(((after.busy - before.busy) / Math.max(1, after.total - before.total)) * 100);
}

async function main(): Promise<number> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl || !/^postgres(ql)?:\/\//.test(adminUrl)) {
    log(
      "DATABASE_URL must point to a PostgreSQL server (postgresql://user@host:port/db); the benchmark " +
        "creates and drops its own database there.",
    );
    return 2;
  }
  const dbName = `verity_bench_${Date.now()}`;
  const benchUrl = new URL(adminUrl);
  benchUrl.pathname = `/${dbName}`;

  // client.ts reads the pool size when the client is created.
  process.env.VERITY_DB_POOL_SIZE = String(POOL_SIZE);

  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      log(`${signal}: stopping, then dropping ${dbName}`);
      stopRequested = true;
    });
  }

  const loadAverageAtStart = os.loadavg().map((load) => round(load));
  const busyBeforeStart = await busyBeforeStartPct();
  if (busyBeforeStart > 20)
    log(
      `warning: the machine was ${busyBeforeStart}% busy before the benchmark started; figures will be low and noisy`,
    );

  log(`creating database ${dbName}`);
  await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE "${dbName}"`));
  let db: Db | undefined;
  let sampler: pg.Client | undefined;
  try {
    await applyMigrations(benchUrl.href, { log });
    db = connectDb(benchUrl.href);
    // Same columns, indexes and foreign key as audit_entries; no chain head, no triggers.
    await db.$executeRawUnsafe(
      `CREATE TABLE bench_plain_entries (LIKE audit_entries INCLUDING DEFAULTS INCLUDING INDEXES)`,
    );
    await db.$executeRawUnsafe(
      `ALTER TABLE bench_plain_entries ADD FOREIGN KEY (org_id) REFERENCES organizations (id)`,
    );

    log(`creating ${1 + MANY_ORGS} organizations`);
    const [oneOrgId, ...manyOrgIds] = await createOrgs(db, 1 + MANY_ORGS);

    sampler = new pg.Client({ connectionString: benchUrl.href, application_name: "verity-bench-sampler" });
    await sampler.connect();
    const prisma = await prismaScenarios(db, sampler, oneOrgId, manyOrgIds, false);
    // BENCH_ONLY=in-transaction measures the in-transaction appends and their baseline alone (a quicker run).
    const inTransactionOnly = process.env.BENCH_ONLY === "in-transaction";
    const standalone = inTransactionOnly ? null : await prismaScenarios(db, sampler, oneOrgId, manyOrgIds, true);
    const rawSql = inTransactionOnly ? null : await rawSqlScenarios(benchUrl.href, sampler, oneOrgId, manyOrgIds);

    log("verifying chains");
    const verification = await verifyAll(db, oneOrgId, manyOrgIds);

    const meets = (figures: typeof prisma) => {
      const met = {
        oneOrg: figures.oneOrg.chainedPerSec >= TARGETS.oneOrgMin,
        manyOrgs: figures.manyOrgs.chainedPerSec >= TARGETS.manyOrgsMin,
        ratioManyOrgs: figures.manyOrgs.ratio <= TARGETS.maxRatioManyOrgs,
      };
      return { ...met, all: Object.values(met).every(Boolean) };
    };
    const report = {
      machine: {
        cores: os.availableParallelism(),
        cpu: os.cpus()[0]?.model ?? "unknown",
        node: process.version,
        cpuBusyBeforeStartPct: busyBeforeStart,
        loadAverageAtStart,
        postgres: await serverInfo(sampler),
      },
      config: {
        writers: WRITERS,
        poolSize: POOL_SIZE,
        manyOrgs: MANY_ORGS,
        warmupAppends: WARMUP_APPENDS,
        appendsPerScenario: APPENDS_PER_SCENARIO,
        rounds: ROUNDS,
        rawAppendsPerScenario: RAW_APPENDS_PER_SCENARIO,
        maxSecondsPerRun: MAX_SECONDS_PER_RUN,
      },
      /** How an append in a transaction links (lib/audit/link-committed.ts), since issue 23: right after the commit. */
      inTransactionLinks: "after commit (pending entry committed with the change, linked by a short transaction)",
      oneOrg: prisma.oneOrg,
      manyOrgs: prisma.manyOrgs,
      standalone,
      rawSql,
      ...verification,
      targets: TARGETS,
      meetsTargets: { inTransaction: meets(prisma), standalone: standalone && meets(standalone) },
    };
    process.stdout.write(
      `${JSON.stringify(report, (_, value) => (typeof value === "bigint" ? value.toString() : value), 2)}\n`,
    );
    // Missed targets are a result, reported above; a broken chain is a failure.
    return verification.chainVerified ? 0 : 1;
  } finally {
    await sampler?.end().catch(() => {});
    await db?.$disconnect();
    log(`dropping database ${dbName}`);
    await withAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`)).catch(
      (error: unknown) => log(`could not drop ${dbName}: ${(error as Error).message}`),
    );
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (stopRequested) {
      log("interrupted");
      process.exit(130);
    }
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
