/**
 * The messaging compliance gate and the DNC import at the scale (issue 20): one organization with
 * BENCH_CONTACTS contacts (default 1,000,000, each with an SMS consent) and a BENCH_DNC-row Do Not Contact list
 * (default 1,000,000), seeded with SQL generate_series.
 *
 * (a) POST /api/v1/messages/check over HTTP against a production server (`verity start`), BENCH_CLIENTS clients
 *     (default 16) with keep-alive: p50/p95/p99 and decisions per second, every decision recorded (a row and an
 *     audit entry); same-run baseline GET /api/v1/me with the same clients. Half the numbers asked are contacts
 *     (all seven checks run), half are on the DNC list (blocked at the second check).
 * (b) The DNC import of BENCH_IMPORT_ROWS rows (default 1,000,000, numbers not on the list yet) through
 *     importDncCsv in this process, fed a generated CSV stream: rows per second and this process's peak RSS.
 *
 *   DATABASE_URL=postgresql://… npm run bench:messaging
 *
 * Targets: check p95 ≤ 10 ms and ≥ 1,000 decisions/s; import ≥ 50,000 rows/s within 256 MB.
 * Prints one JSON object on stdout (times in ms), progress on stderr.
 */
import http from "node:http";
import { connectDb } from "@/lib/db/client";
import { importDncCsv } from "@/lib/messaging/dnc-import/import-dnc-csv";
import { withBenchDatabase } from "./bench-database";
import { benchOwner } from "./bench-org";
import { CONTACTS, contactPhone, DNC, dncPhone, seedMessagingBench } from "./messaging-seed";
import { benchLog, machine, percentiles, round, sampleRss } from "./measure";
import { startProductionServer } from "./production-server";
import { createApiKey } from "@/lib/api-keys/create-api-key";

const PORT = Number(process.env.BENCH_PORT ?? 3321);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 16);
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);
const TARGET = { checkP95Ms: 10, decisionsPerSecond: 1000, importRowsPerSecond: 50_000, importPeakRssMb: 256 };

// Import: +1 312 2xx xxxx (Chicago), beside the seeded contacts and DNC list (messaging-seed.ts).
const importPhone = (i: number) => `+1312${2000000 + i}`;

const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });

function send(base: URL, key: string, method: "GET" | "POST", path: string, body?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method,
        path,
        headers: {
          authorization: `Bearer ${key}`,
          ...(body === undefined
            ? {}
            : { "content-type": "application/json", "content-length": Buffer.byteLength(body) }),
        },
      },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

type Tally = { latencies: number[]; seconds: number; statuses: Record<string, number> };

async function drive(seconds: number, call: () => Promise<number>, tally?: Tally) {
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < deadline) {
        const at = performance.now();
        const status = await call().catch(() => 0);
        if (!tally) continue;
        tally.latencies.push(performance.now() - at);
        tally.statuses[status] = (tally.statuses[status] ?? 0) + 1;
      }
    }),
  );
  if (tally) tally.seconds += (performance.now() - started) / 1000;
}

const summary = (tally: Tally, expect: number) => ({
  perSecond: round(tally.latencies.length / tally.seconds, 1),
  ...percentiles(tally.latencies, [50, 95, 99], 2),
  requests: tally.latencies.length,
  errors: tally.latencies.length - (tally.statuses[expect] ?? 0),
  statuses: tally.statuses,
});

async function* generatedCsv(rows: number): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  yield encoder.encode("phone,reason,source\n");
  const perChunk = 2000;
  for (let at = 0; at < rows; at += perChunk) {
    let text = "";
    for (let i = at; i < Math.min(rows, at + perChunk); i++) text += `${importPhone(i)},bench import,bench\n`;
    yield encoder.encode(text);
  }
}

async function main(): Promise<number> {
  const report = await withBenchDatabase(async (databaseUrl) => {
    const db = connectDb(databaseUrl);
    try {
      const { orgId, ctx } = await benchOwner(db, "Messaging");
      await db.billingAccount.updateMany({ where: { orgId }, data: { plan: "team" } });
      const { key } = await db.$transaction((tx) =>
        createApiKey(tx, ctx, {
          name: "messaging",
          environment: "live",
          scopes: ["messaging.read", "messaging.send"],
          allowedCidrs: ["127.0.0.0/8", "::1/128"],
          rateLimitPerMinute: 10_000,
        }),
      );
      await db.apiKey.updateMany({ where: { orgId }, data: { rateLimitPerMinute: 100_000_000 } });
      const seedSeconds = await seedMessagingBench(db, orgId);

      // (b) first, on its own: the import in this process, before a server shares the machine.
      benchLog(`importing ${IMPORT_ROWS} rows through importDncCsv`);
      const rss = sampleRss();
      const importStarted = performance.now();
      const imported = await db.$transaction(
        (tx) => importDncCsv(tx, ctx, { bytes: generatedCsv(IMPORT_ROWS), fileName: "bench.csv" }),
        { timeout: 30 * 60_000 },
      );
      const importSeconds = (performance.now() - importStarted) / 1000;
      const memory = rss.stop();
      const importResult = {
        rows: imported.rows,
        added: imported.added,
        rejected: imported.rejected,
        seconds: round(importSeconds, 2),
        rowsPerSecond: round(imported.rows / importSeconds, 0),
        rssAtStartMb: round(memory.rssAtStart / 2 ** 20, 1),
        peakRssMb: round(memory.peakRss / 2 ** 20, 1),
      };
      benchLog(`import: ${JSON.stringify(importResult)}`);

      // (a) the check over HTTP, with GET /me as the same-run baseline.
      const server = await startProductionServer({ databaseUrl, port: PORT });
      try {
        const base = new URL(server.url);
        let n = 0;
        const check = () => {
          const i = (n++ * 7919) % Math.min(CONTACTS, DNC);
          const to = n % 2 === 0 ? contactPhone(i) : dncPhone(i);
          return send(base, key, "POST", "/api/v1/messages/check", JSON.stringify({ to }));
        };
        const me = () => send(base, key, "GET", "/api/v1/me");
        const tallies = {
          me: { latencies: [], seconds: 0, statuses: {} } as Tally,
          check: { latencies: [], seconds: 0, statuses: {} } as Tally,
        };
        for (let pass = 1; pass <= ROUNDS; pass++) {
          benchLog(`round ${pass}/${ROUNDS}: GET /me then POST /messages/check, ${SECONDS} s each, ${CLIENTS} clients`);
          if (pass === 1) {
            await drive(2, me);
            await drive(2, check);
          }
          await drive(SECONDS, me, tallies.me);
          await drive(SECONDS, check, tallies.check);
        }
        const decisions = await db.messagingDecision.groupBy({
          by: ["decision", "reason"],
          where: { orgId },
          _count: { _all: true },
        });
        const entries = await db.auditEntry.count({ where: { orgId, category: "compliance" } });
        const checkSummary = summary(tallies.check, 200);
        const meSummary = summary(tallies.me, 200);
        return {
          machine: machine(),
          config: {
            clients: CLIENTS,
            rounds: ROUNDS,
            secondsPerPhaseAndRound: SECONDS,
            contacts: CONTACTS,
            dncEntries: DNC,
            importRows: IMPORT_ROWS,
            seedSeconds,
            server: "verity start (production build, worker off), PostgreSQL",
          },
          check: { ...checkSummary, ratioToBaseline: round(checkSummary.perSecond / meSummary.perSecond, 3) },
          baselineMe: meSummary,
          decisionsRecorded: Object.fromEntries(
            decisions.map((row) => [`${row.decision}:${row.reason}`, row._count._all]),
          ),
          complianceAuditEntries: entries,
          import: importResult,
          target: TARGET,
          meetsTarget: {
            checkP95: checkSummary.p95 <= TARGET.checkP95Ms,
            decisionsPerSecond: checkSummary.perSecond >= TARGET.decisionsPerSecond,
            importRowsPerSecond: importResult.rowsPerSecond >= TARGET.importRowsPerSecond,
            importMemory: importResult.peakRssMb <= TARGET.importPeakRssMb,
            noErrors: checkSummary.errors === 0 && meSummary.errors === 0,
          },
        };
      } finally {
        await server.stop();
        agent.destroy();
      }
    } finally {
      await db.$disconnect();
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
