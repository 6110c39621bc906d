/**
 * Audit-trail append throughput: the hash-chained append (lib/audit/append-audit-entry.ts) against a
 * plain INSERT of the same rows, for one busy organization and for many organizations.
 *
 *   DATABASE_URL=postgresql://… node --conditions=react-server --import tsx bench/audit-append.ts
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
import { randomUUID } from "node:crypto";
import os from "node:os";
import pg from "pg";
import { appendAuditEntry, type AuditEvent } from "@/lib/audit/append-audit-entry";
import { contentHashOf, GENESIS_HASH, nowMicros, type EntryContent } from "@/lib/audit/entry-content";
import { parseAuditEvent } from "@/lib/audit/event-catalog";
import { redactMetadata } from "@/lib/audit/redact";
import { verifyChain } from "@/lib/audit/verify-chain";
import { connectDb, type Db, type Tx } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrations/apply-migrations";
import { createOrganization } from "@/lib/orgs/create-organization";

const WRITERS = 16;
const MANY_ORGS = 64;
/** Not timed: fills the pools, JIT-compiles the hot paths and warms PostgreSQL's caches. */
const WARMUP_APPENDS = 300;
const APPENDS_PER_SCENARIO = 4_000;
/** A scenario stops early past this, so a slow machine still finishes in reasonable time. */
const MAX_SECONDS_PER_SCENARIO = 12;
/** The writers plus headroom, so no writer ever waits for a connection rather than for the database. */
const POOL_SIZE = Math.max(Number(process.env.VERITY_DB_POOL_SIZE ?? 0), WRITERS + 4);

const TARGETS = { oneOrgMin: 1_000, manyOrgsMin: 2_500, maxRatioManyOrgs: 1.2 };

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

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

/**
 * The app-side half of appendAuditEntry (catalog check, redaction, JSON round-trip, RFC 8785 content
 * hash), repeated here because lib/ does not export it on its own: the baselines must pay for it too,
 * or the ratio would charge it to the chain.
 */
function prepareEntry(event: AuditEvent) {
  const { category, metadata } = parseAuditEvent(event.action, event.metadata);
  const storedMetadata = JSON.parse(JSON.stringify(redactMetadata(metadata))) as Record<string, unknown>;
  const context = event.context ?? null;
  const content: EntryContent = {
    id: randomUUID(),
    orgId: event.orgId,
    occurredAt: event.occurredAt ?? nowMicros(),
    category,
    action: event.action,
    actor: event.actor,
    target: event.target ?? null,
    outcome: event.outcome ?? "success",
    ip: context?.ip ?? null,
    userAgent: context?.userAgent ?? null,
    geo: context?.geo ?? null,
    requestId: context?.requestId ?? null,
    metadata: storedMetadata,
  };
  return { content, contentHash: contentHashOf(content) };
}
type PreparedEntry = ReturnType<typeof prepareEntry>;

/** The row's values in audit_entries column order after `seq` (see COLUMNS), as pg parameters. */
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

/**
 * The unchained table has no links; it stores placeholders of the same size so the rows (and the
 * index and WAL volume) match the chained ones.
 */
async function insertPlain(tx: Tx, entry: PreparedEntry, seq: bigint): Promise<void> {
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

// The same statements as the product's and the baseline's, with pg's positional parameters.
const COLUMNS = `id, org_id, seq, occurred_at, category, action,
  actor_type, actor_id, actor_display, target_type, target_id, target_display,
  outcome, ip, user_agent, geo, request_id, metadata, content_hash, prev_hash, hash`;
const RAW_CHAINED_APPEND = `
  WITH head AS (
    UPDATE audit_chain_heads
       SET seq = seq + 1,
           prev_hash = hash,
           hash = encode(sha256(decode(hash, 'hex') || decode($18, 'hex')), 'hex'),
           updated_at = now()
     WHERE org_id = $2::uuid
    RETURNING seq, prev_hash, hash
  )
  INSERT INTO audit_entries (${COLUMNS})
  SELECT $1::uuid, $2::uuid, head.seq, $3::timestamptz, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14,
         $15::jsonb, $16, $17::jsonb, $18, head.prev_hash, head.hash
    FROM head
  RETURNING seq, hash`;
const RAW_PLAIN_INSERT = `
  INSERT INTO bench_plain_entries (${COLUMNS})
  VALUES ($1::uuid, $2::uuid, $19, $3::timestamptz, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14,
          $15::jsonb, $16, $17::jsonb, $18, '${GENESIS_HASH}', $18)`;

// ---------------------------------------------------------------------------------------------
// Measurement

type Stats = {
  appends: number;
  seconds: number;
  perSec: number;
  latencyMs: { p50: number; p95: number; p99: number };
  /** This process's CPU time over wall time: 100 is one core saturated by the client side. */
  nodeCpuPct: number;
};

const round = (value: number, digits = 2) => Number(value.toFixed(digits));

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Runs `op` `total` times across WRITERS concurrent loops, each waiting for its previous op. */
async function drive(total: number, op: (n: number) => Promise<void>): Promise<Stats> {
  let next = 0;
  let failed = false;
  const latencies: number[] = [];
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const deadline = started + MAX_SECONDS_PER_SCENARIO * 1000;

  async function writer() {
    while (!failed && !stopRequested && performance.now() < deadline) {
      const n = next++;
      if (n >= total) return;
      const opStarted = performance.now();
      try {
        await op(n);
      } catch (error) {
        failed = true; // stops the other writers rather than leaving them running after the rejection
        throw error;
      }
      latencies.push(performance.now() - opStarted);
    }
  }
  await Promise.all(Array.from({ length: WRITERS }, writer));

  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  latencies.sort((a, b) => a - b);
  return {
    appends: latencies.length,
    seconds: round(seconds, 3),
    perSec: Math.round(latencies.length / seconds),
    latencyMs: { p50: round(percentile(latencies, 50)), p95: round(percentile(latencies, 95)), p99: round(percentile(latencies, 99)) },
    nodeCpuPct: Math.round(((cpu.user + cpu.system) / 1000 / (seconds * 1000)) * 100),
  };
}

async function measure(label: string, op: (n: number) => Promise<void>): Promise<Stats> {
  log(`${label}: warm-up (${WARMUP_APPENDS})`);
  await drive(WARMUP_APPENDS, op);
  const stats = await drive(APPENDS_PER_SCENARIO, (n) => op(WARMUP_APPENDS + n));
  if (stopRequested) throw new Error("interrupted");
  log(`${label}: ${stats.perSec}/s (${stats.appends} in ${stats.seconds}s, p50 ${stats.latencyMs.p50} ms, p99 ${stats.latencyMs.p99} ms)`);
  return stats;
}

/** Uniformly random, so two of the 16 in-flight appends sometimes hit the same org, as in real traffic. */
const pick = (orgIds: string[]) => orgIds[Math.floor(Math.random() * orgIds.length)];

function compare(chained: Stats, plain: Stats) {
  return { chainedPerSec: chained.perSec, plainPerSec: plain.perSec, ratio: round(plain.perSec / chained.perSec), chained, plain };
}

// ---------------------------------------------------------------------------------------------
// Scenarios

async function prismaScenarios(db: Db, oneOrgId: string, manyOrgIds: string[]) {
  const chained = (orgIds: string[]) => async (n: number) => {
    await db.$transaction((tx) => appendAuditEntry(tx, benchEvent(pick(orgIds), n)));
  };
  const plain = (orgIds: string[]) => async (n: number) => {
    const entry = prepareEntry(benchEvent(pick(orgIds), n));
    await db.$transaction((tx) => insertPlain(tx, entry, nextPlainSeq(entry.content.orgId)));
  };
  const oneOrg = compare(await measure("prisma chained, 1 org", chained([oneOrgId])), await measure("prisma plain, 1 org", plain([oneOrgId])));
  const manyOrgs = compare(
    await measure(`prisma chained, ${MANY_ORGS} orgs`, chained(manyOrgIds)),
    await measure(`prisma plain, ${MANY_ORGS} orgs`, plain(manyOrgIds)),
  );
  return { oneOrg, manyOrgs };
}

/**
 * The same statements through `pg` directly. "transaction" mirrors Prisma's interactive transaction
 * (BEGIN, statement, COMMIT: three round trips, the head's row lock held across the last two);
 * "autocommit" sends the statement alone, which is as short as the lock can be held.
 */
async function rawSqlScenarios(url: string, oneOrgId: string, manyOrgIds: string[]) {
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE });
  try {
    const chained = (orgIds: string[], inTransaction: boolean) => async (n: number) => {
      await run(pool, inTransaction, RAW_CHAINED_APPEND, paramsOf(prepareEntry(benchEvent(pick(orgIds), n))));
    };
    const plain = (orgIds: string[], inTransaction: boolean) => async (n: number) => {
      const entry = prepareEntry(benchEvent(pick(orgIds), n));
      await run(pool, inTransaction, RAW_PLAIN_INSERT, [...paramsOf(entry), nextPlainSeq(entry.content.orgId).toString()]);
    };
    const shapes = { oneOrg: [oneOrgId], manyOrgs: manyOrgIds };
    const result: Record<string, Record<string, ReturnType<typeof compare>>> = {};
    for (const [shape, orgIds] of Object.entries(shapes)) {
      result[shape] = {};
      for (const [mode, inTransaction] of [["transaction", true], ["autocommit", false]] as const) {
        result[shape][mode] = compare(
          await measure(`pg ${mode} chained, ${shape}`, chained(orgIds, inTransaction)),
          await measure(`pg ${mode} plain, ${shape}`, plain(orgIds, inTransaction)),
        );
      }
    }
    return result;
  } finally {
    await pool.end();
  }
}

/** $1 id, $2 org, $3…$18 the row values, as RAW_CHAINED_APPEND and RAW_PLAIN_INSERT number them. */
function paramsOf(entry: PreparedEntry): unknown[] {
  return [entry.content.id, entry.content.orgId, ...rowValues(entry)];
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
      const user = await tx.user.create({ data: { email: `bench-${i}@example.test`, name: `Bench ${i}`, passwordHash: "x" } });
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
    chainVerified: oneOk && manyOk,
    chains: {
      oneOrg: { ok: oneOk, checked: one.checked, firstBad: one.firstBad?.detail ?? null },
      manyOrgs: { ok: manyOk, orgs: manyOrgIds.length, checked: manyChecked },
    },
  };
}

async function serverInfo(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const setting = async (name: string) => (await client.query(`SELECT current_setting($1) AS v`, [name])).rows[0].v as string;
    return {
      version: await setting("server_version"),
      synchronousCommit: await setting("synchronous_commit"),
      fsync: await setting("fsync"),
      maxConnections: Number(await setting("max_connections")),
    };
  } finally {
    await client.end();
  }
}

async function withAdmin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function main(): Promise<number> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl || !/^postgres(ql)?:\/\//.test(adminUrl)) {
    log("DATABASE_URL must point to a PostgreSQL server (postgresql://user@host:port/db); the benchmark creates and drops its own database there.");
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

  log(`creating database ${dbName}`);
  await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE "${dbName}"`));
  let db: Db | undefined;
  try {
    await applyMigrations(benchUrl.href, { log });
    db = connectDb(benchUrl.href);
    // Same columns, indexes and foreign key as audit_entries; no chain head, no triggers.
    await db.$executeRawUnsafe(`CREATE TABLE bench_plain_entries (LIKE audit_entries INCLUDING DEFAULTS INCLUDING INDEXES)`);
    await db.$executeRawUnsafe(`ALTER TABLE bench_plain_entries ADD FOREIGN KEY (org_id) REFERENCES organizations (id)`);

    log(`creating ${1 + MANY_ORGS} organizations`);
    const [oneOrgId, ...manyOrgIds] = await createOrgs(db, 1 + MANY_ORGS);

    const prisma = await prismaScenarios(db, oneOrgId, manyOrgIds);
    const rawSql = await rawSqlScenarios(benchUrl.href, oneOrgId, manyOrgIds);

    log("verifying chains");
    const verification = await verifyAll(db, oneOrgId, manyOrgIds);

    const meetsTargets = {
      oneOrg: prisma.oneOrg.chainedPerSec >= TARGETS.oneOrgMin,
      manyOrgs: prisma.manyOrgs.chainedPerSec >= TARGETS.manyOrgsMin,
      ratioManyOrgs: prisma.manyOrgs.ratio <= TARGETS.maxRatioManyOrgs,
    };
    const report = {
      machine: { cores: os.availableParallelism(), cpu: os.cpus()[0]?.model ?? "unknown", node: process.version, postgres: await serverInfo(benchUrl.href) },
      config: { writers: WRITERS, poolSize: POOL_SIZE, warmupAppends: WARMUP_APPENDS, appendsPerScenario: APPENDS_PER_SCENARIO, manyOrgs: MANY_ORGS },
      oneOrg: prisma.oneOrg,
      manyOrgs: prisma.manyOrgs,
      rawSql,
      ...verification,
      targets: TARGETS,
      meetsTargets: { ...meetsTargets, all: Object.values(meetsTargets).every(Boolean) },
    };
    process.stdout.write(`${JSON.stringify(report, (_, value) => (typeof value === "bigint" ? value.toString() : value), 2)}\n`);
    // Missed targets are a result, reported above; a broken chain is a failure.
    return verification.chainVerified ? 0 : 1;
  } finally {
    await db?.$disconnect();
    log(`dropping database ${dbName}`);
    await withAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`)).catch((error: unknown) =>
      log(`could not drop ${dbName}: ${(error as Error).message}`),
    );
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
