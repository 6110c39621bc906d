/**
 * The customer's monitor checking one new checkpoint (bench/checkpoints.ts runs it on PostgreSQL): lib/monitor's
 * checkLog, with the state saved at the previous checkpoint, against the panel's real REST route handlers in
 * this process (API key check, tiles, proofs, entry pages: everything but the socket), as `verity monitor` runs
 * once a cron tick. Each sample appends NEW_ENTRIES entries (what an org writing 100 a second adds between two
 * checkpoints a second apart), signs a checkpoint, then times the check: signature, consistency proof from the
 * saved checkpoint, the walk of the new entries, their links and inclusion, and the default sample of older pages.
 * The same-run baseline is one authenticated request through the same stack (GET /audit-log/checkpoint): the
 * ratio says how many such requests one check costs, whatever the machine's load.
 */
import { listPublishedLogKeys } from "@/lib/audit/checkpoints/log-keys";
import { parseVerifierKey } from "@/lib/audit/checkpoints/signed-note";
import { checkpointNow } from "@/lib/audit/integrate/checkpoint-now";
import type { Db } from "@/lib/db/client";
import { checkLog } from "@/lib/monitor/check-log";
import { logClient } from "@/lib/monitor/log-client";
import type { MonitorState } from "@/lib/monitor/monitor-state";
import { appendMany } from "@/lib/testing/audit-tampering";
import { panelFetch } from "@/lib/testing/panel-fetch";
import { benchOrgWithKey } from "./bench-org";
import { benchLog, percentiles, round, timeEach } from "./measure";

const HISTORY = 5_000;
const NEW_ENTRIES = 100;
const SAMPLES = 20;
const BASELINE_REQUESTS = 200;
const TARGET_P95_MS = 100;

/** p50/p95 of one monitor check per new checkpoint, and of one API request, in the given database. */
export async function measureMonitorCheck(db: Db) {
  (globalThis as { verityDb?: Db }).verityDb = db; // the route handlers' getDb()
  const { orgId, key } = await benchOrgWithKey(db, { name: "Monitor", scopes: ["audit.read"], readOnly: true });
  await appendMany(db, orgId, HISTORY);
  await checkpointNow(db, orgId);
  // As autovacuum does after a bulk insert (a server may run with it off, as this machine's test server does):
  // without statistics the planner takes the newest page of a 5,000-entry trail as a sort of all of it.
  await db.$executeRawUnsafe("VACUUM (ANALYZE) audit_entries, audit_tree_tiles, audit_checkpoints");
  const verifiers = (await listPublishedLogKeys(db)).map((published) => parseVerifierKey(published.vkey));
  const panel = panelFetch();
  const requests = new Map<string, { count: number; ms: number }>();
  let counting = false;
  const fetch: typeof panel = async (url, init) => {
    const started = performance.now();
    const response = await panel(url, init);
    const body = await response.arrayBuffer();
    if (counting) {
      const kind = new URL(url).pathname.replace(/^\/api\/v1\//, "").replace(/(tile\/\d+)\/.*/, "$1");
      const seen = requests.get(kind) ?? { count: 0, ms: 0 };
      requests.set(kind, { count: seen.count + 1, ms: seen.ms + performance.now() - started });
    }
    return new Response(body, { status: response.status, headers: response.headers });
  };
  const check = (state: MonitorState | null) =>
    checkLog({ client: logClient({ url: "http://panel.test", apiKey: key, fetch }), verifiers, state });
  benchLog(`monitor: first run over ${HISTORY} entries (not timed)`);
  let state = (await check(null)).state;

  const checks: number[] = [];
  const checksCpu: number[] = [];
  for (let n = 0; n < SAMPLES; n++) {
    await appendMany(db, orgId, NEW_ENTRIES);
    await checkpointNow(db, orgId);
    counting = true;
    const started = performance.now();
    const cpu = process.cpuUsage();
    const result = await check(state);
    checks.push(performance.now() - started);
    const used = process.cpuUsage(cpu);
    checksCpu.push((used.user + used.system) / 1000);
    counting = false;
    if (!result.line.startsWith("ok:")) throw new Error(`the monitor did not pass: ${result.line}`);
    state = result.state;
  }
  const request = () =>
    fetch("http://panel.test/api/v1/audit-log/checkpoint", { headers: { authorization: `Bearer ${key}` } }).then(
      (response) => response.text(),
    );
  const baseline = await timeEach(BASELINE_REQUESTS, request);
  const check95 = percentiles(checks, [50, 95, 99]);
  const request95 = percentiles(baseline, [50, 95]);
  const perCheck = Object.fromEntries(
    [...requests].map(([kind, { count, ms }]) => [
      kind,
      { count: round(count / SAMPLES, 1), ms: round(ms / SAMPLES, 1) },
    ]),
  );
  return {
    historyEntries: HISTORY,
    newEntriesPerCheckpoint: NEW_ENTRIES,
    samples: SAMPLES,
    checkMs: check95,
    /** This process's CPU time per check (client and panel alike; the database's is not counted): what load does not inflate. */
    checkCpuMs: percentiles(checksCpu, [50, 95, 99]),
    /** Requests one check makes, by path, and the milliseconds they take (means over the samples). */
    requestsPerCheck: perCheck,
    baselineOneRequestMs: request95,
    checkInRequests: { p50: round(check95.p50 / request95.p50, 1), p95: round(check95.p95 / request95.p95, 1) },
    target: { p95Ms: TARGET_P95_MS, met: check95.p95 <= TARGET_P95_MS },
  };
}
