/**
 * Throughput of the REST API as a customer feels it, over HTTP against a production server (`verity start`),
 * 16 clients with keep-alive connections, all in one run. The baseline is an unknown /api/v1 path with the
 * same clients (the framework's routing and its 404, no database); every operation is reported as
 * requests per second, p50 and p99 latency and its ratio to the baseline:
 * GET /api/v1/me, GET /api/v1/audit-events (a page of 50), POST /api/v1/audit-events (without an Idempotency-Key,
 * and with one), and POST /api/v1/audit-events/batch with 100-event batches (events per second). After the run the
 * organization's chain must verify.
 *
 *   DATABASE_URL=postgresql://… npm run bench:api-throughput
 *
 * The phases run in BENCH_ROUNDS rounds (default 3) of BENCH_SECONDS each (default 4), so load that comes and
 * goes on a shared machine falls on all of them alike; serverCpuMsPerRequest is the server's own CPU time per
 * request, which such load inflates far less than latency. BENCH_PORT (default 3305) is the server's port,
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
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 16);
const WARMUP_SECONDS = 2;
const BATCH = 100;
const TARGET = { me: 0.6, listAuditEvents: 0.4, ingestAuditEvent: 0.35, batchEventsPerSecond: 20_000 };

type Call = { method: "GET" | "POST"; path: string; body?: () => string; headers?: () => Record<string, string> };
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
          ...call.headers?.(),
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

type Tally = {
  requests: number;
  seconds: number;
  latencies: number[];
  statuses: Record<string, number>;
  cpuMs: number;
};

/** CLIENTS loops, each sending one request after another for `seconds`, added to `tally`. */
async function drive(
  base: URL,
  key: string,
  call: Call,
  seconds: number,
  tally?: Tally,
  cpuMs = () => null as number | null,
) {
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  const cpuBefore = cpuMs();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < deadline) {
        const at = performance.now();
        const status = await send(base, key, call).catch(() => 0);
        if (!tally) continue;
        tally.latencies.push(performance.now() - at);
        tally.statuses[status] = (tally.statuses[status] ?? 0) + 1;
      }
    }),
  );
  if (!tally) return;
  tally.seconds += (performance.now() - started) / 1000;
  tally.requests = tally.latencies.length;
  const cpuAfter = cpuMs();
  if (cpuBefore !== null && cpuAfter !== null) tally.cpuMs += cpuAfter - cpuBefore;
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
    // The same with an Idempotency-Key, which runs in a transaction (the answer is stored with the entry): for
    // comparison, no target.
    name: "ingestWithIdempotencyKey",
    call: {
      method: "POST",
      path: "/api/v1/audit-events",
      body: () => JSON.stringify(event()),
      headers: () => ({ "idempotency-key": `bench-${sequence}` }),
    },
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

/** BENCH_ONLY=me,listAuditEvents runs those phases and the baseline only (for a profile of one path). */
const ONLY = process.env.BENCH_ONLY?.split(",");
const RUN = PHASES.filter((phase) => !ONLY || phase.name === "baseline" || ONLY.includes(phase.name));

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
      const batches = PHASES.find((phase) => phase.name === "ingestBatch100")!;
      for (const _ of [1, 2]) await send(base, key, batches.call);
      const tallies = new Map<Phase, Tally>(
        RUN.map((phase) => [phase, { requests: 0, seconds: 0, latencies: [], statuses: {}, cpuMs: 0 }]),
      );
      // Rounds through every phase, so that load which comes and goes on the machine falls on all of them alike.
      for (let pass = 1; pass <= ROUNDS; pass++) {
        for (const phase of RUN) {
          benchLog(`round ${pass}/${ROUNDS}: ${phase.name}, ${SECONDS} s with ${CLIENTS} clients`);
          // Analyzed as autovacuum would, so the plans follow the growing trail on a server that runs without it.
          await db.$executeRawUnsafe("ANALYZE");
          if (pass === 1) await drive(base, key, phase.call, WARMUP_SECONDS);
          await drive(base, key, phase.call, SECONDS, tallies.get(phase), server.cpuMs);
        }
      }
      const results = Object.fromEntries(RUN.map((phase) => [phase.name, summary(phase, tallies.get(phase)!)]));
      const baseline = results.baseline.requestsPerSecond;
      for (const name of Object.keys(results))
        results[name].ratioToBaseline = round(results[name].requestsPerSecond / baseline, 3);
      benchLog("verifying the organization's chain");
      const chain = await verifyChain({ db, orgId });
      return {
        machine: machine(),
        config: {
          clients: CLIENTS,
          rounds: ROUNDS,
          secondsPerPhaseAndRound: SECONDS,
          warmupSeconds: WARMUP_SECONDS,
          batchSize: BATCH,
          server: "verity start (production build, worker off), PostgreSQL",
        },
        results,
        chain: {
          ok: chain.ok,
          entries: chain.checked,
          ...(chain.firstBad ? { firstBad: String(chain.firstBad.seq) } : {}),
        },
        target: TARGET,
        meetsTarget: {
          me: (results.me?.ratioToBaseline ?? 0) >= TARGET.me,
          listAuditEvents: (results.listAuditEvents?.ratioToBaseline ?? 0) >= TARGET.listAuditEvents,
          ingestAuditEvent: (results.ingestAuditEvent?.ratioToBaseline ?? 0) >= TARGET.ingestAuditEvent,
          batchEventsPerSecond: (results.ingestBatch100?.eventsPerSecond ?? 0) >= TARGET.batchEventsPerSecond,
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

function summary(phase: Phase, tally: Tally) {
  const requestsPerSecond = round(tally.requests / tally.seconds, 1);
  return {
    requestsPerSecond,
    ...(phase.eventsPerRequest ? { eventsPerSecond: round(requestsPerSecond * phase.eventsPerRequest, 0) } : {}),
    ...percentiles(tally.latencies, [50, 99], 2),
    serverCpuMsPerRequest: round(tally.cpuMs / Math.max(1, tally.requests), 2),
    requests: tally.requests,
    errors: tally.requests - (tally.statuses[phase.expect] ?? 0),
    statuses: tally.statuses,
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
