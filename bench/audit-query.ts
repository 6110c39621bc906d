/**
 * The audit trail at size: 1,000,000 entries in one organization and 100,000 in each of 9 others,
 * seeded in SQL with valid hash chains (the canonical bytes built by string concatenation in key
 * order, SHA-256 by PostgreSQL's sha256(), the links by a PL/pgSQL loop), then:
 * - p50/p95 of the audit screen's pages through searchAuditEntries: the latest page, a page 1,000
 *   pages deep by cursor, an action, an actor, a date range and free text;
 * - export throughput (entries/s) and peak RSS for NDJSON and CSV over the 1M entries, each in a
 *   fresh process (bench/audit-export-run.ts), and NDJSON over 100k for comparison, beside
 *   PostgreSQL's own `COPY (SELECT …) TO STDOUT` of the same rows (psql, to /dev/null);
 * - verification throughput (verifyChain) beside raw SHA-256 of the same canonical bytes.
 *
 *   DATABASE_URL=postgresql://… node --conditions=react-server --import tsx bench/audit-query.ts
 *
 * Needs psql on PATH for the COPY baseline. Prints one JSON object on stdout, progress on stderr.
 * BENCH_BIG_ORG and BENCH_SMALL_ORG change the sizes, and BENCH_PARTS (a comma list of pages,
 * exports, verify) runs only some parts, for a quick run; the targets are judged on what ran.
 */
import { spawn } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import pg from "pg";
import { SYSTEM_ACTOR } from "@/lib/audit/append-audit-entry";
import { searchAuditEntries } from "@/lib/audit/search/search-audit-entries";
import { verifyChain } from "@/lib/audit/verify-chain";
import { connectDb, type Db } from "@/lib/db/client";
import { createOrganization } from "@/lib/orgs/create-organization";
import { withBenchDatabase } from "./bench-database";
import { benchLog, machine, percentiles, round, timeEach } from "./measure";

const BIG_ORG = Number(process.env.BENCH_BIG_ORG ?? 1_000_000);
const SMALL_ORG = Number(process.env.BENCH_SMALL_ORG ?? 100_000);
const SMALL_ORGS = 9;
const PARTS = new Set((process.env.BENCH_PARTS ?? "pages,exports,verify").split(",").map((part) => part.trim()));
const PAGE = 50;
const DEEP_PAGES = 1000;
const RUNS = 60;
const WARMUP = 5;
const TARGETS = {
  filteredPageP95Ms: 50,
  exportEntriesPerSecond: 50_000,
  exportPeakRssMb: 256,
  verifyEntriesPerSecond: 100_000,
};

const ACTIONS = [
  "custom.invoice.paid",
  "custom.payout.approved",
  "custom.wallet.transfer",
  "member.invited",
  "api_key.created",
  "user.signed_in",
  "access.denied",
  "webhook.created",
  "billing.plan_changed",
  "audit.exported",
];
const CATEGORIES = [
  "custom",
  "custom",
  "custom",
  "access",
  "api_keys",
  "authentication",
  "access",
  "webhooks",
  "billing",
  "audit",
];

/** Rows of one organization with their canonical content bytes (RFC 8785: keys sorted, no spaces; values plain ASCII). */
const SEED_SQL = `
  INSERT INTO bench_seed (org_id, n, id, occurred_at, occurred, category, action, actor_id, actor_display, target_id, target_display,
                          outcome, ip, country, request_id, amount, note, content, content_hash)
  SELECT $1::uuid, n, id, ts, occurred, category, action, actor_id, actor_display, target_id, target_display, outcome, ip, country,
         request_id, amount, note, content, encode(sha256(convert_to(content, 'UTF8')), 'hex')
    FROM (
      SELECT n, id, ts, occurred, category, action, actor_id, actor_display, target_id, target_display, outcome, ip, country,
             request_id, amount, note,
             '{"action":"' || action || '","actor":{"display":"' || actor_display || '","id":"' || actor_id ||
             '","type":"user"},"category":"' || category ||
             '","geo":{"city":null,"country":"' || country || '","region":null},"id":"' || id || '","ip":"' || ip ||
             '","metadata":{"amount":' || amount || ',"note":"' || note || '"},"occurredAt":"' || occurred || '","orgId":"' || $1 ||
             '","outcome":"' || outcome || '","requestId":"' || request_id ||
             '","target":{"display":"' || target_display || '","id":"' || target_id ||
             '","type":"invoice"},"userAgent":"bench","v":1}' AS content
        FROM (
          SELECT n, gen_random_uuid()::text AS id, ts, to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS occurred,
                 (ARRAY[${CATEGORIES.map((c) => `'${c}'`).join(",")}])[1 + (n * 7) % 10] AS category,
                 (ARRAY[${ACTIONS.map((a) => `'${a}'`).join(",")}])[1 + (n * 7) % 10] AS action,
                 'actor-' || (n % 1000) AS actor_id, 'user' || (n % 1000) || '@example.com' AS actor_display,
                 'inv_' || (n % 50000) AS target_id, 'Invoice ' || (n % 50000) AS target_display,
                 CASE WHEN n % 23 = 0 THEN 'failure' WHEN n % 37 = 0 THEN 'denied' ELSE 'success' END AS outcome,
                 '198.51.100.' || (n % 250) AS ip, (ARRAY['GB','US','DE','FR','NL','SE','JP','BR','IN','CA'])[1 + n % 10] AS country,
                 'req-' || n AS request_id, n % 9973 AS amount, 'batch ' || (n % 1000) AS note
            FROM generate_series(1, $2::int) AS n,
                 LATERAL (SELECT date_trunc('second', now()) - ($2::int - n) * ($3::float8 * interval '1 second')
                                 + (n % 1000) * interval '1 microsecond' AS ts) t
        ) base
    ) rows`;

/** The links, in order: hash = SHA-256(prevHash ‖ contentHash), from the organization's current head. */
const CHAIN_FUNCTION_SQL = `
  CREATE FUNCTION pg_temp.bench_chain(p_org uuid, p_prev text) RETURNS TABLE (n int, prev_hash text, hash text) LANGUAGE plpgsql AS $f$
  DECLARE r record; prev text := p_prev;
  BEGIN
    FOR r IN SELECT s.n, s.content_hash FROM bench_seed s WHERE s.org_id = p_org ORDER BY s.n LOOP
      n := r.n; prev_hash := prev; hash := encode(sha256(decode(prev, 'hex') || decode(r.content_hash, 'hex')), 'hex');
      RETURN NEXT;
      prev := hash;
    END LOOP;
  END $f$`;

const INSERT_SQL = `
  INSERT INTO audit_entries (id, org_id, seq, occurred_at, category, action, actor_type, actor_id, actor_display, target_type, target_id,
                             target_display, outcome, ip, user_agent, geo, request_id, metadata, content_hash, prev_hash, hash)
  SELECT s.id::uuid, s.org_id, $2::bigint + s.n, s.occurred_at, s.category, s.action, 'user', s.actor_id, s.actor_display,
         'invoice', s.target_id,
         s.target_display, s.outcome, s.ip, 'bench', jsonb_build_object('city', null, 'country', s.country, 'region', null), s.request_id,
         jsonb_build_object('amount', s.amount, 'note', s.note), s.content_hash, c.prev_hash, c.hash
    FROM bench_seed s JOIN pg_temp.bench_chain($1::uuid, $3) c ON c.n = s.n
   WHERE s.org_id = $1::uuid
   ORDER BY s.n`;

async function createOrg(db: Db, name: string): Promise<string> {
  const user = await db.user.create({ data: { email: `bench-${randomUUID()}@example.test`, name, passwordHash: "x" } });
  const org = await db.$transaction((tx) =>
    createOrganization(tx, { name, ownerId: user.id, actor: SYSTEM_ACTOR, context: null }),
  );
  return org.id;
}

/** Seeds with the table's secondary indexes dropped and rebuilt after: a bulk load, as a migration would do it. */
async function seed(url: string, orgs: { id: string; entries: number }[]) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SET maintenance_work_mem = '512MB'");
    await client.query(`CREATE UNLOGGED TABLE bench_seed (org_id uuid, n int, id text, occurred_at timestamptz, occurred text,
      category text, action text, actor_id text, actor_display text, target_id text, target_display text, outcome text, ip text,
      country text, request_id text, amount int, note text, content text, content_hash text, PRIMARY KEY (org_id, n))`);
    await client.query(CHAIN_FUNCTION_SQL);
    // With their statistics targets (the search text's), which the definition leaves out.
    const { rows: indexes } = await client.query<{ name: string; definition: string; statistics: string[] }>(
      `SELECT indexname AS name, indexdef AS definition,
              ARRAY(SELECT format('ALTER INDEX %I ALTER COLUMN %s SET STATISTICS %s', indexname, a.attnum, a.attstattarget)
                      FROM pg_attribute a WHERE a.attrelid = format('%I', indexname)::regclass AND a.attstattarget > 0) AS statistics
         FROM pg_indexes WHERE tablename = 'audit_entries' AND indexname NOT IN ('audit_entries_pkey', 'audit_entries_org_id_seq_key')`,
    );
    for (const index of indexes) await client.query(`DROP INDEX "${index.name}"`);
    for (const [i, org] of orgs.entries()) {
      const started = performance.now();
      // A year of history for the big organization, proportionally denser for the small ones.
      await client.query(SEED_SQL, [org.id, org.entries, (365 * 86_400) / org.entries]);
      const { rows } = await client.query<{ seq: string; hash: string }>(
        "SELECT seq::text, hash FROM audit_chain_heads WHERE org_id = $1",
        [org.id],
      );
      // Entries and head in one statement: the database refuses entries past the head, and a head moved without them.
      await client.query(
        `WITH inserted AS (${INSERT_SQL} RETURNING seq, hash, prev_hash)
         UPDATE audit_chain_heads h SET seq = e.seq, hash = e.hash, prev_hash = e.prev_hash
           FROM (SELECT seq, hash, prev_hash FROM inserted ORDER BY seq DESC LIMIT 1) e WHERE h.org_id = $1`,
        [org.id, rows[0].seq, rows[0].hash],
      );
      benchLog(
        `org ${i + 1}/${orgs.length}: ${org.entries} entries in ${round((performance.now() - started) / 1000, 1)} s`,
      );
    }
    const started = performance.now();
    for (const index of indexes)
      for (const statement of [index.definition, ...index.statistics]) await client.query(statement);
    // As autovacuum does after a bulk insert: statistics, and the visibility map index-only scans rely on.
    await client.query("VACUUM (ANALYZE) audit_entries");
    benchLog(`${indexes.length} indexes rebuilt and analysed in ${round((performance.now() - started) / 1000, 1)} s`);
  } finally {
    await client.end();
  }
}

async function latencies(run: () => Promise<unknown>) {
  for (let i = 0; i < WARMUP; i++) await run();
  return percentiles(await timeEach(RUNS, run), [50, 95], 2);
}

/**
 * One export in a fresh process (bench/audit-export-run.ts), so that its peak RSS is the export's and
 * not what the benchmark's earlier phases hold; rssAtStartMb is that process, connected, before it.
 */
function exportRun(url: string, orgId: string, format: "ndjson" | "csv") {
  return new Promise<{
    entries: number;
    megabytes: number;
    seconds: number;
    entriesPerSecond: number;
    rssAtStartMb: number;
    peakRssMb: number;
  }>((resolve, reject) => {
    // The address in the environment, not the command line, where ps would show a password in it.
    const child = spawn(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "bench/audit-export-run.ts", orgId, format],
      {
        stdio: ["ignore", "pipe", "inherit"],
        env: { ...process.env, BENCH_EXPORT_DATABASE_URL: url },
      },
    );
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.once("error", reject);
    child.once("exit", (code) => {
      if (code !== 0) return reject(new Error(`the ${format} export exited with ${code}`));
      const run = JSON.parse(out) as {
        count: number;
        bytes: number;
        seconds: number;
        rssAtStart: number;
        peakRss: number;
      };
      resolve({
        entries: run.count,
        megabytes: round(run.bytes / 1e6, 1),
        seconds: round(run.seconds, 2),
        entriesPerSecond: Math.round(run.count / run.seconds),
        rssAtStartMb: round(run.rssAtStart / 2 ** 20, 1),
        peakRssMb: round(run.peakRss / 2 ** 20, 1),
      });
    });
  });
}

/** PostgreSQL alone: the same rows and columns, COPY … TO STDOUT through psql into /dev/null. */
function copyRun(
  url: string,
  orgId: string,
  format: "text" | "csv",
): Promise<{ seconds: number; entriesPerSecond: number }> {
  const sql = `COPY (SELECT seq, id, occurred_at, category, action, outcome, actor_type, actor_id, actor_display, target_type,
                            target_id, target_display, ip, geo, user_agent, request_id, metadata, prev_hash, hash
                       FROM audit_entries WHERE org_id = '${orgId}' ORDER BY seq) TO STDOUT WITH (FORMAT ${format})`;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    // The connection through libpq's environment, not the command line, where ps would show a password.
    const { hostname, port, username, password, pathname } = new URL(url);
    const env = {
      ...process.env,
      PGHOST: hostname,
      PGPORT: port || "5432",
      PGUSER: decodeURIComponent(username),
      PGPASSWORD: decodeURIComponent(password),
      PGDATABASE: decodeURIComponent(pathname.slice(1)),
    };
    const psql = spawn("psql", ["-X", "-q", "-c", sql], { stdio: ["ignore", "ignore", "inherit"], env });
    psql.once("error", reject);
    psql.once("exit", (code) => {
      if (code !== 0) return reject(new Error(`psql exited with ${code}`));
      const seconds = (performance.now() - started) / 1000;
      resolve({ seconds: round(seconds, 2), entriesPerSecond: Math.round(BIG_ORG / seconds) });
    });
  });
}

/** The hashing alone: SHA-256 of each entry's canonical bytes, then of the link, over the same entries. */
async function rawSha256(url: string, orgId: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let hashing = 0;
  let count = 0;
  let bytes = 0;
  try {
    let prev = Buffer.alloc(32);
    for (let after = 0; ;) {
      const { rows } = await client.query<{ n: number; content: string }>(
        "SELECT n, content FROM bench_seed WHERE org_id = $1 AND n > $2 ORDER BY n LIMIT 20000",
        [orgId, after],
      );
      if (rows.length === 0) break;
      const buffers = rows.map((row) => Buffer.from(row.content, "utf8"));
      const started = performance.now();
      for (const buffer of buffers) {
        const content = createHash("sha256").update(buffer).digest();
        prev = createHash("sha256").update(prev).update(content).digest();
        bytes += buffer.length;
      }
      hashing += performance.now() - started;
      count += rows.length;
      after = rows[rows.length - 1].n;
    }
  } finally {
    await client.end();
  }
  return {
    entries: count,
    megabytes: round(bytes / 1e6, 1),
    seconds: round(hashing / 1000, 2),
    entriesPerSecond: Math.round(count / (hashing / 1000)),
  };
}

async function main(): Promise<number> {
  const report = await withBenchDatabase(async (url) => {
    const db = connectDb(url);
    try {
      const big = await createOrg(db, "Bench Big");
      const small: string[] = [];
      for (let i = 0; i < SMALL_ORGS; i++) small.push(await createOrg(db, `Bench ${i}`));
      const seedStarted = performance.now();
      await seed(url, [{ id: big, entries: BIG_ORG }, ...small.map((id) => ({ id, entries: SMALL_ORG }))]);
      const seedSeconds = round((performance.now() - seedStarted) / 1000, 1);

      const search = (q: string, beforeSeq?: bigint) =>
        searchAuditEntries(db, { orgId: big, q, limit: PAGE, ...(beforeSeq ? { beforeSeq } : {}) });
      const runPages = async () => {
        benchLog("pages");
        // The cursor of page 1,000, reached the way a person (or a script) would: page after page.
        let cursor: bigint | undefined;
        for (let page = 1; page < DEEP_PAGES; page++) cursor = BigInt((await search("", cursor)).nextBeforeSeq!);
        const [from, to] = [new Date(Date.now() - 200 * 86_400_000), new Date(Date.now() - 193 * 86_400_000)].map(
          (date) => date.toISOString().slice(0, 10),
        );
        return {
          latestPage: await latencies(() => search("")),
          page1000DeepByCursor: await latencies(() => search("", cursor)),
          actionFilter: await latencies(() => search("action:custom.payout.approved")),
          actionPrefixFilter: await latencies(() => search("action:member.*")),
          actorFilter: await latencies(() => search("actor:user42@example.com")),
          dateRange: await latencies(() => search(`created:${from}..${to}`)),
          freeText: await latencies(() => search('"batch 417"')),
          rareFreeTextAndFilter: await latencies(() => search('"Invoice 4242" outcome:failure')),
        };
      };
      const pages = PARTS.has("pages") ? await runPages() : null;

      const runExports = async () => {
        benchLog("exports");
        return {
          ndjson: await exportRun(url, big, "ndjson"),
          csv: await exportRun(url, big, "csv"),
          // The same format over a tenth of the entries: memory should not depend on the size.
          ndjsonSmallOrg: await exportRun(url, small[0], "ndjson"),
          copyText: await copyRun(url, big, "text"),
          copyCsv: await copyRun(url, big, "csv"),
        };
      };
      const exports = PARTS.has("exports") ? await runExports() : null;

      const runVerify = async () => {
        benchLog("verification");
        const verifyStarted = performance.now();
        const verification = await verifyChain({ db, orgId: big });
        const verifySeconds = (performance.now() - verifyStarted) / 1000;
        return {
          ok: verification.ok,
          checked: verification.checked,
          seconds: round(verifySeconds, 2),
          entriesPerSecond: Math.round(verification.checked / verifySeconds),
          rawSha256: await rawSha256(url, big),
        };
      };
      const verify = PARTS.has("verify") ? await runVerify() : null;

      const meets = {
        ...(pages && {
          filteredPages: Object.entries(pages)
            .filter(([name]) => name !== "latestPage" && name !== "page1000DeepByCursor")
            .every(([, page]) => page.p95 <= TARGETS.filteredPageP95Ms),
        }),
        ...(exports && {
          exportThroughput:
            exports.ndjson.entriesPerSecond >= TARGETS.exportEntriesPerSecond &&
            exports.csv.entriesPerSecond >= TARGETS.exportEntriesPerSecond,
          exportMemory: [exports.ndjson, exports.csv, exports.ndjsonSmallOrg].every(
            (run) => run.peakRssMb <= TARGETS.exportPeakRssMb,
          ),
        }),
        ...(verify && { verification: verify.ok && verify.entriesPerSecond >= TARGETS.verifyEntriesPerSecond }),
      };
      return {
        benchmark: "audit-query",
        machine: machine(),
        entries: { bigOrg: BIG_ORG, smallOrgs: SMALL_ORGS, perSmallOrg: SMALL_ORG, seedSeconds },
        pagesMs: pages,
        exports,
        verify,
        targets: TARGETS,
        meetsTargets: { ...meets, all: Object.values(meets).every(Boolean) },
      };
    } finally {
      await db.$disconnect();
    }
  });
  if (!report) return 2;
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  return report.meetsTargets.all ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
