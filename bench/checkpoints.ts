/**
 * The pure Merkle tree work behind checkpoints (lib/audit/tree), at 1,000,000 entries:
 * - integration: leaf hashing plus appendLeaves in batches of 5,000 (the integrator's hot path), against raw
 *   SHA-256 of the same chain hashes in the same run, rounds alternating so drift affects both alike; the rate
 *   per core is entries per second of this process's CPU time, which a busy machine does not inflate;
 * - proofs: inclusion and consistency proof generation over in-memory tiles (each tile read as a fresh copy,
 *   as from the database, so no fold is reused between proofs) and their verification, p50/p95 of wall time,
 *   and of this process's CPU time for generation (on a machine shared with other work, wall time's tail is
 *   mostly waiting for a core).
 *
 *   npm run bench:checkpoints
 *   DATABASE_URL=postgresql://… npm run bench:checkpoints   # also bench/checkpoint-lag.ts's integrator figures
 *   BENCH_ENTRIES=100000 npm run bench:checkpoints          # a smaller tree, while developing
 *
 * Prints one JSON object on stdout (times in milliseconds), progress on stderr.
 */
import { hash, randomBytes } from "node:crypto";
import { PerformanceObserver } from "node:perf_hooks";
import { leafHash } from "@/lib/audit/tree/merkle-hash";
import { MemoryTiles } from "@/lib/audit/tree/memory-tiles";
import {
  consistencyProof,
  inclusionProof,
  treeHash,
  verifyConsistency,
  verifyInclusion,
} from "@/lib/audit/tree/proofs";
import type { TileReader } from "@/lib/audit/tree/tiles";
import { appendLeaves, edgeRootHash, emptyEdge } from "@/lib/audit/tree/tree-edge";
import { measureIntegratorOnPostgres } from "./checkpoint-lag";
import { benchLog, machine, percentiles, processCpuMsOf, round } from "./measure";

/** BENCH_ENTRIES=100000 for a quicker run while developing; the targets are for 1,000,000. */
const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 1_000_000);
const BATCH = 5_000;
const ROUNDS = 3;
const PROOFS = 1_000;
const TARGET_PER_CORE = 50_000;
const TARGET_PROOF_P95_MS = 10;

function integrate(chainHashes: Buffer[]) {
  let edge = emptyEdge();
  let fullTiles = 0;
  for (let at = 0; at < chainHashes.length; at += BATCH) {
    const appended = appendLeaves(edge, chainHashes.slice(at, at + BATCH).map(leafHash));
    fullTiles += appended.fullTiles.length;
    edge = appended.edge;
  }
  return { root: edgeRootHash(edge), fullTiles };
}

function rawSha256(chainHashes: Buffer[]) {
  let last: Buffer = Buffer.alloc(0);
  for (const chainHash of chainHashes) last = hash("sha256", chainHash, "buffer");
  return last;
}

async function rate(run: () => unknown) {
  const started = performance.now();
  const { cpuMs } = await processCpuMsOf(async () => run());
  const ms = performance.now() - started;
  return { perSecond: Math.round(ENTRIES / (ms / 1000)), perCpuSecond: Math.round(ENTRIES / (cpuMs / 1000)) };
}

async function measureIntegration(chainHashes: Buffer[]) {
  const integration: Awaited<ReturnType<typeof rate>>[] = [];
  const baseline: Awaited<ReturnType<typeof rate>>[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    baseline.push(await rate(() => rawSha256(chainHashes)));
    integration.push(await rate(() => integrate(chainHashes)));
    benchLog(`round ${round + 1}: ${integration[round].perCpuSecond} entries per CPU second integrated`);
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const perCore = median(integration.map((r) => r.perCpuSecond));
  const rawPerCore = median(baseline.map((r) => r.perCpuSecond));
  return {
    batch: BATCH,
    entriesPerSecond: median(integration.map((r) => r.perSecond)),
    entriesPerCpuSecond: perCore,
    rawSha256PerCpuSecond: rawPerCore,
    ratioToRawSha256: round(perCore / rawPerCore, 3),
    rounds: { integration, rawSha256: baseline },
    target: { entriesPerCpuSecond: TARGET_PER_CORE, met: perCore >= TARGET_PER_CORE },
  };
}

/** A reader that copies every tile it hands back, as a database read does. */
const fresh = (reader: TileReader): TileReader => ({
  readTiles: async (coords) => (await reader.readTiles(coords)).map((tile) => Buffer.from(tile)),
});

const between = (low: number, high: number) => low + Math.floor(Math.random() * (high - low + 1));

/** CPU milliseconds of this process since `since` (process.cpuUsage): what a proof costs, preemption aside. */
const cpuMsSince = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

async function timeProofs<T>(count: number, make: () => Promise<T>, check: (made: T) => boolean) {
  const [made, madeCpu, verified]: [number[], number[], number[]] = [[], [], []];
  for (let n = 0; n < count; n++) {
    let started = performance.now();
    const cpu = process.cpuUsage();
    const proof = await make();
    madeCpu.push(cpuMsSince(cpu));
    made.push(performance.now() - started);
    started = performance.now();
    if (!check(proof)) throw new Error("a proof did not verify");
    verified.push(performance.now() - started);
  }
  return {
    generate: percentiles(made, [50, 95]),
    generateCpu: percentiles(madeCpu, [50, 95]),
    verify: percentiles(verified, [50, 95]),
  };
}

/** Garbage-collection pauses while `run` goes on: how much of a latency tail is the collector's. */
async function withGcPauses<T>(run: () => Promise<T>) {
  const pauses: number[] = [];
  const observer = new PerformanceObserver((list) => list.getEntries().forEach((entry) => pauses.push(entry.duration)));
  observer.observe({ entryTypes: ["gc"] });
  const result = await run();
  await new Promise((resolve) => setTimeout(resolve, 50)); // gc entries arrive asynchronously
  observer.disconnect();
  const totalMs = round(pauses.reduce((sum, pause) => sum + pause, 0));
  return { result, gc: { pauses: pauses.length, totalMs, longestMs: round(Math.max(0, ...pauses)) } };
}

async function measureProofs(memory: MemoryTiles) {
  const tiles = fresh(memory);
  const size = memory.size;
  const root = await treeHash(size, tiles);
  const { result: inclusion, gc: inclusionGc } = await withGcPauses(() =>
    timeProofs(
      PROOFS,
      async () => {
        const index = between(0, size - 1);
        return { index, proof: await inclusionProof(index, size, tiles) };
      },
      ({ index, proof }) => verifyInclusion({ leafHash: memory.leafHash(index), index, size, proof, rootHash: root }),
    ),
  );
  const olds = Array.from({ length: PROOFS }, () => between(1, size - 1));
  const oldRoots = await Promise.all(olds.map((oldSize) => treeHash(oldSize, tiles)));
  let n = 0;
  const { result: consistency, gc: consistencyGc } = await withGcPauses(() =>
    timeProofs(
      PROOFS,
      async () => ({ at: n, proof: await consistencyProof(olds[n++], size, tiles) }),
      ({ at, proof }) =>
        verifyConsistency({ oldSize: olds[at], newSize: size, oldRoot: oldRoots[at], newRoot: root, proof }),
    ),
  );
  const worst = Math.max(inclusion.generate.p95, consistency.generate.p95);
  return {
    treeSize: size,
    samples: PROOFS,
    inclusion: { ...inclusion, gc: inclusionGc },
    consistency: { ...consistency, gc: consistencyGc },
    target: { generateP95Ms: TARGET_PROOF_P95_MS, met: worst <= TARGET_PROOF_P95_MS },
  };
}

/** A full collection (npm run bench:checkpoints passes --expose-gc): proofs do not pay for the integration rounds' garbage. */
const collect = () => (globalThis as { gc?: () => void }).gc?.();

async function main() {
  benchLog(`making ${ENTRIES} chain hashes`);
  const chainHashes = Array.from({ length: ENTRIES }, () => randomBytes(32));
  const checked = integrate(chainHashes.slice(0, Math.min(ENTRIES, 70_000)));
  const whole = MemoryTiles.fromLeafHashes(chainHashes.slice(0, Math.min(ENTRIES, 70_000)).map(leafHash));
  if (!checked.root.equals(whole.rootHash())) throw new Error("batched integration disagrees with one batch");
  // No collection before integration: one here moves the chain hashes to the old generation, which makes
  // integration measurably slower (about 290k against 400k entries per CPU second) than in an integrator.
  const integration = await measureIntegration(chainHashes);
  benchLog("proofs");
  // The tiles alone hold the leaf hashes: no million small Buffers, nor the integration rounds' garbage, left for
  // the collector to walk while timing, as in a server.
  const memory = new MemoryTiles();
  for (let at = 0; at < ENTRIES; at += BATCH) memory.append(chainHashes.slice(at, at + BATCH).map(leafHash));
  chainHashes.length = 0;
  collect();
  const proofs = await measureProofs(memory);
  collect();
  // With a PostgreSQL DATABASE_URL: checkpoint lag, append throughput with the integrator running, and the monitor.
  const onPostgres = process.env.DATABASE_URL ? await measureIntegratorOnPostgres() : null;
  console.log(JSON.stringify({ machine: machine(), entries: ENTRIES, integration, proofs, onPostgres }, null, 2));
}

await main();
