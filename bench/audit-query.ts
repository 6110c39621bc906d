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
import { seedAuditEntries } from "./audit-seed";
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

async function createOrg(db: Db, name: string): Promise<string> {
  const user = await db.user.create({ data: { email: `bench-${randomUUID()}@example.test`, name, passwordHash: "x" } });
  const org = await db.$transaction((tx) =>
    createOrganization(tx, { name, ownerId: user.id, actor: SYSTEM_ACTOR, context: null }),
  );
  return org.id;
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
      await seedAuditEntries(url, [{ id: big, entries: BIG_ORG }, ...small.map((id) => ({ id, entries: SMALL_ORG }))]);
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
