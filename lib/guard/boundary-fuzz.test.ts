import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { verifyChain } from "@/lib/audit/verify-chain";
import type { Db } from "@/lib/db/client";
import { API_OPERATIONS } from "@/lib/rest/operations";
import {
  boundaryCaseOf,
  describeCase,
  sendBoundaryCase,
  type BoundaryCase,
} from "@/lib/testing/boundary-fuzz/boundary-case";
import type { BoundaryTarget } from "@/lib/testing/boundary-fuzz/boundary-targets";
import { createFuzzWorld, type FuzzWorld } from "@/lib/testing/boundary-fuzz/fuzz-fixture";
import { boundaryTargets, missingBaselines } from "@/lib/testing/boundary-fuzz/run-boundary-fuzz";
import { testDb } from "@/lib/testing/database";

/**
 * The boundary fuzz test (issue 15): generated strings and JSON (NUL, lone surrogates, control and
 * bidi characters, huge and deeply nested values, odd keys) in every place of every request that
 * every registered entry point takes (each /api/v1 operation with a key holding every scope, each
 * org route and server action as the owner, the public ones), asserting no 5xx, no unexpected
 * action error, and no write behind a refusal. VERITY_FUZZ_RUNS sets the number of generated cases
 * (small by default, for CI); VERITY_FUZZ_SEED replays a run. `npm run bench:boundary-fuzz` runs 10,000.
 */
const appModules = import.meta.glob(["/app/**/*.ts", "!/app/**/*.test.ts"]);
const RUNS = Number(process.env.VERITY_FUZZ_RUNS ?? 250);
const SEED = process.env.VERITY_FUZZ_SEED === undefined ? undefined : Number(process.env.VERITY_FUZZ_SEED);

let db: Db;
let world: FuzzWorld;
let targets: Map<string, BoundaryTarget>;

beforeAll(async () => {
  db = testDb();
  for (const load of Object.values(appModules)) await load();
  targets = boundaryTargets();
  world = await createFuzzWorld(db);
}, 180_000);

async function expectSound(testCase: BoundaryCase) {
  const sent = await sendBoundaryCase(db, world, targets, testCase);
  world = sent.world;
  expect(sent.outcome.failure, describeCase(testCase)).toBeUndefined();
  return sent.outcome;
}

describe("every boundary, fed hostile input", () => {
  it("reaches every /api/v1 operation and every server action through the guard's registry, each with a valid request to spoil", () => {
    const ids = [...targets.keys()];
    expect(ids.filter((id) => id.startsWith("api:")).sort()).toEqual(
      Object.values(API_OPERATIONS)
        .map((operation) => `api:${operation.operationId}`)
        .sort(),
    );
    expect(ids.filter((id) => id.startsWith("action:")).length).toBeGreaterThanOrEqual(40);
    expect(missingBaselines(targets)).toEqual([]);
  });

  it("answers a NUL and a lone surrogate slipped into each place of each request with a 4xx, never a 5xx or a write", async () => {
    let sent = 0;
    for (const target of targets.values()) {
      for (const slot of target.slots) {
        if (slot.position === "header") continue; // fetch itself refuses a NUL or a surrogate in a header
        for (const char of ["\u0000", "\ud800"]) {
          const outcome = await expectSound({
            target: target.id,
            slot,
            key: `k${char}`,
            spoil: { kind: "taint", at: 0.5, char, replace: false },
          });
          if (outcome.status !== "unsendable") sent++;
        }
      }
    }
    expect(sent).toBeGreaterThan(300);
  }, 300_000);

  it(`answers ${RUNS} generated requests with no 5xx, no unexpected action error and no write behind a refusal`, async () => {
    await fc.assert(
      fc.asyncProperty(boundaryCaseOf([...targets.values()]), async (testCase) => {
        await expectSound(testCase);
      }),
      { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }), endOnFailure: true },
    );
  }, 600_000);

  it("leaves the organization's hash chain intact: every entry recorded from the hostile input still hashes as stored", async () => {
    expect(await verifyChain({ db, orgId: world.orgId })).toMatchObject({ ok: true });
  });
});
