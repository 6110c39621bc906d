import fc from "fast-check";
import { verifyChain } from "@/lib/audit/verify-chain";
import type { Db } from "@/lib/db/client";
import { registeredEntryPoints } from "@/lib/guard/registry";
import { boundaryCaseOf, describeCase, sendBoundaryCase, type BoundaryCase } from "./boundary-case";
import { boundaryTargetOf, type BoundaryTarget } from "./boundary-targets";
import { ENTRY_BASELINES } from "./entry-baselines";
import { createFuzzWorld, type FuzzWorld } from "./fuzz-fixture";

/**
 * Every entry point the guard registered that can be called: each /api/v1 operation (with a key
 * holding every scope), each org route and server action (as the organization's owner), and the
 * public ones. Load the app's modules first so that they register.
 */
export function boundaryTargets(): Map<string, BoundaryTarget> {
  return new Map(
    registeredEntryPoints()
      .filter((entry) => entry.handle)
      .map((entry) => boundaryTargetOf(entry))
      .map((target) => [target.id, target]),
  );
}

export const missingBaselines = (targets: Map<string, BoundaryTarget>) =>
  [...targets.keys()].filter((id) => !ENTRY_BASELINES[id]);

export type FuzzFigures = {
  requests: number;
  unsendable: number;
  byStatus: Record<string, number>;
  serverErrors: number;
  failures: number;
  firstFailure: { case: string; failure: string } | null;
  entryPoints: number;
  chainIntact: boolean;
  seconds: number;
};

/**
 * Throws `runs` generated requests (fast-check, from `seed`) at the targets, one after another, and
 * counts the answers; every failure is counted, the first one kept whole. Ends by verifying the
 * target organization's hash chain: every entry the run recorded must still hash as stored.
 */
export async function runBoundaryFuzz(
  db: Db,
  { runs, seed, onProgress }: { runs: number; seed: number; onProgress?: (done: number, figures: FuzzFigures) => void },
): Promise<FuzzFigures> {
  const started = performance.now();
  const targets = boundaryTargets();
  let world: FuzzWorld = await createFuzzWorld(db);
  const orgIds = new Set([world.orgId]);
  const figures: FuzzFigures = {
    requests: 0,
    unsendable: 0,
    byStatus: {},
    serverErrors: 0,
    failures: 0,
    firstFailure: null,
    entryPoints: targets.size,
    chainIntact: true,
    seconds: 0,
  };
  const arbitrary = boundaryCaseOf([...targets.values()]);
  // In batches from seed, seed + 1, …: cases no client could send (a header fetch refuses) are not counted as requests.
  for (let batch = 0; figures.requests < runs; batch++) {
    for (const testCase of fc.sample(arbitrary, {
      numRuns: Math.min(1_000, runs - figures.requests),
      seed: seed + batch,
    })) {
      const sent = await sendBoundaryCase(db, world, targets, testCase);
      world = sent.world;
      orgIds.add(world.orgId);
      record(figures, testCase, sent.outcome);
      if (onProgress && sent.outcome.status !== "unsendable" && figures.requests % 500 === 0)
        onProgress(figures.requests, figures);
    }
  }
  for (const orgId of orgIds) figures.chainIntact &&= (await verifyChain({ db, orgId })).ok;
  figures.seconds = Math.round((performance.now() - started) / 100) / 10;
  return figures;
}

function record(
  figures: FuzzFigures,
  testCase: BoundaryCase,
  outcome: { status: number | "unsendable"; failure?: string },
) {
  if (outcome.status === "unsendable") {
    figures.unsendable++;
    return;
  }
  figures.requests++;
  figures.byStatus[outcome.status] = (figures.byStatus[outcome.status] ?? 0) + 1;
  if (outcome.status >= 500) figures.serverErrors++;
  if (outcome.failure) {
    figures.failures++;
    figures.firstFailure ??= { case: describeCase(testCase), failure: outcome.failure };
  }
}
