/**
 * Throughput of the REST API as a customer feels it, over HTTP against a production server (`verity start`),
 * 16 clients with keep-alive connections, all in one run. The baseline is an unknown /api/v1 path with the
 * same clients (the framework's routing and its 404, no database); every operation is reported as
 * requests per second, p50 and p99 latency and its ratio to the baseline:
 * GET /api/v1/me, GET /api/v1/audit-events (a page of 50), POST /api/v1/audit-events, and
 * POST /api/v1/audit-events/batch with 100-event batches (events per second). After the run the
 * organization's chain must verify.
 *
 *   DATABASE_URL=postgresql://… npm run bench:api-throughput
 *
 * BENCH_PORT (default 3305) is the server's port, BENCH_SECONDS (default 8) each phase's length,
 * BENCH_CLIENTS (default 16) the clients. Prints one JSON object on stdout (times in ms), progress on stderr.
 */
import http from "node:http";
import { verifyChain } from "@/lib/audit/verify-chain";
import { connectDb } from "@/lib/db/client";
import { withBenchDatabase } from "./bench-database";
import { benchOrgWithKey } from "./bench-org";
import { benchLog, machine, percentiles, round } from "./measure";
import { startProductionServer } from "./production-server";

const PORT = Number(process.env.BENCH_PORT ?? 3305);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 16);
const WARMUP_SECONDS = 2;
const BATCH = 100;
const TARGET = { me: 0.6, listAuditEvents: 0.4, ingestAuditEvent: 0.35, batchEventsPerSecond: 20_000 };

type Call = { method: "GET" | "POST"; path: string; body?: () => string; headers?: Record<string, string> };
type Phase = { name: string; call: Call; expect: number; eventsPerRequest?: number };

const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });

function send(base: URL, key: string, call: Call): Promise<number> {
  const body = call.body?.();
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method: call.method,
        path: call.path,
        headers: {
          authorization: `Bearer ${key}`,
          ...(body === undefined
            ? {}
            : { "content-type": "application/json", "content-length": Buffer.byteLength(body) }),
          ...call.headers,
        },
      },
      (response) => {
        response.resume(); // read the whole answer, as a client would
        response.on("end", () => resolve(response.statusCode ?? 0));
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

/** CLIENTS loops, each sending one request after another for `seconds`: requests per second, latencies, errors. */
async function drive(base: URL, key: string, phase: Phase, seconds: number) {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < deadline) {
        const at = performance.now();
        const status = await send(base, key, phase.call).catch(() => 0);
        latencies.push(performance.now() - at);
        statuses[status] = (statuses[status] ?? 0) + 1;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const errors = latencies.length - (statuses[phase.expect] ?? 0);
  return { requests: latencies.length, elapsed, latencies, statuses, errors };
}

let sequence = 0;
const event = () => ({
  action: "payment.captured",
  target: { type: "payment", id: `p_${sequence++}` },
  metadata: { amount: "12.50" },
});

const PHASES: Phase[] = [
  { name: "baseline", call: { method: "GET", path: "/api/v1/no-such-endpoint" }, expect: 404 },
  { name: "me", call: { method: "GET", path: "/api/v1/me" }, expect: 200 },
  { name: "listAuditEvents", call: { method: "GET", path: "/api/v1/audit-events?limit=50" }, expect: 200 },
  {
    name: "ingestAuditEvent",
    call: { method: "POST", path: "/api/v1/audit-events", body: () => JSON.stringify(event()) },
    expect: 201,
    eventsPerRequest: 1,
  },
  {
    name: "ingestBatch100",
    call: {
      method: "POST",
      path: "/api/v1/audit-events/batch",
      body: () => JSON.stringify({ events: Array.from({ length: BATCH }, event) }),
    },
    expect: 201,
    eventsPerRequest: BATCH,
  },
];

async function main(): Promise<number> {
  const report = await withBenchDatabase(async (databaseUrl) => {
    const db = connectDb(databaseUrl);
    const server = await (async () => {
      try {
        return await startProductionServer({ databaseUrl, port: PORT });
      } catch (error) {
        await db.$disconnect();
        throw error;
      }
    })();
    try {
      const scopes = ["audit.read", "audit.ingest"] as const;
      const { orgId, key } = await benchOrgWithKey(db, { name: "Throughput", scopes: [...scopes] });
      // Paid plan (no monthly cap on ingest) and a rate limit no run reaches: the limits are not what is measured.
      await db.billingAccount.updateMany({ where: { orgId }, data: { plan: "team" } });
      await db.apiKey.updateMany({ where: { orgId }, data: { rateLimitPerMinute: 100_000_000 } });
      const base = new URL(server.url);
      benchLog("seeding 200 entries, so a page of 50 is full");
      for (const _ of [1, 2]) await send(base, key, PHASES[4].call);
      const results: Record<string, ReturnType<typeof summary>> = {};
      for (const phase of PHASES) {
        benchLog(`${phase.name}: ${WARMUP_SECONDS} s warm-up, then ${SECONDS} s with ${CLIENTS} clients`);
        await drive(base, key, phase, WARMUP_SECONDS);
        results[phase.name] = summary(phase, await drive(base, key, phase, SECONDS));
      }
      const baseline = results.baseline.requestsPerSecond;
      for (const name of Object.keys(results))
        results[name].ratioToBaseline = round(results[name].requestsPerSecond / baseline, 3);
      benchLog("verifying the organization's chain");
      const chain = await verifyChain({ db, orgId });
      return {
        machine: machine(),
        config: {
          clients: CLIENTS,
          seconds: SECONDS,
          warmupSeconds: WARMUP_SECONDS,
          batchSize: BATCH,
          server: "verity start",
        },
        results,
        chain: {
          ok: chain.ok,
          entries: chain.checked,
          ...(chain.firstBad ? { firstBad: String(chain.firstBad.seq) } : {}),
        },
        target: TARGET,
        meetsTarget: {
          me: results.me.ratioToBaseline! >= TARGET.me,
          listAuditEvents: results.listAuditEvents.ratioToBaseline! >= TARGET.listAuditEvents,
          ingestAuditEvent: results.ingestAuditEvent.ratioToBaseline! >= TARGET.ingestAuditEvent,
          batchEventsPerSecond: results.ingestBatch100.eventsPerSecond! >= TARGET.batchEventsPerSecond,
          noErrors: Object.values(results).every((result) => result.errors === 0),
          chainVerifies: chain.ok,
        },
      };
    } finally {
      await server.stop();
      agent.destroy();
      await db.$disconnect();
    }
  });
  if (!report) return 2;
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  return 0;
}

function summary(phase: Phase, run: Awaited<ReturnType<typeof drive>>) {
  const requestsPerSecond = round(run.requests / run.elapsed, 1);
  return {
    requestsPerSecond,
    ...(phase.eventsPerRequest ? { eventsPerSecond: round(requestsPerSecond * phase.eventsPerRequest, 0) } : {}),
    ...percentiles(run.latencies, [50, 99], 2),
    requests: run.requests,
    errors: run.errors,
    statuses: run.statuses,
    ratioToBaseline: undefined as number | undefined,
  };
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    benchLog(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
