import "server-only";
import { Prisma } from "@/lib/db/generated/client";
import type { Db } from "@/lib/db/client";
import { cosignCheckpoint, type CosignOutcome } from "./cosign-checkpoint";
import type { Witness } from "./witness-config";

/** Organizations read per query; a run goes through them all, page by page. */
const PAGE = 100;

/**
 * What one worker remembers between runs, so a witness that is down or refuses is not asked again and again:
 * a witness that could not be reached rests (5 s, doubling to 5 min), and a checkpoint a witness refused is
 * not sent to it again (the next checkpoint is).
 */
export type CosigningMemory = {
  refused: Map<string, bigint>;
  resting: Map<string, { until: number; failures: number }>;
};

export const newCosigningMemory = (): CosigningMemory => ({ refused: new Map(), resting: new Map() });

const FIRST_REST_MS = 5_000;
const LONGEST_REST_MS = 5 * 60_000;

export type WitnessRun = {
  witness: Witness;
  orgId: string;
  outcome: CosignOutcome | { status: "failed"; error: unknown };
};

/**
 * The organizations after `after` (by id) whose latest checkpoint this witness has not cosigned yet, with that
 * checkpoint's size: one page of them.
 */
async function dueOrgs(db: Db, witness: Witness, after: string, orgIds: readonly string[] | undefined) {
  const only = orgIds ? Prisma.sql`AND h.org_id = ANY(${orgIds}::uuid[])` : Prisma.empty;
  return db.$queryRaw<{ org_id: string; size: bigint }[]>`
    SELECT h.org_id::text AS org_id, c.size
      FROM audit_chain_heads h
      JOIN LATERAL (SELECT size FROM audit_checkpoints c WHERE c.org_id = h.org_id ORDER BY size DESC LIMIT 1) c ON TRUE
     WHERE h.org_id > ${after}::uuid
       AND NOT EXISTS (SELECT 1 FROM audit_checkpoint_cosignatures s
                        WHERE s.org_id = h.org_id AND s.witness_name = ${witness.name}
                          AND s.witness_key_id = ${witness.keyId} AND s.size >= c.size)
       ${only}
     ORDER BY h.org_id
     LIMIT ${PAGE}`;
}

/** Every organization due for this witness, page by page (the refused ones stay due, so no page starves the next). */
async function* eachDueOrg(db: Db, witness: Witness, orgIds: readonly string[] | undefined) {
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const page = await dueOrgs(db, witness, after, orgIds);
    yield* page;
    if (page.length < PAGE) return;
    after = page[page.length - 1].org_id;
  }
}

/**
 * The worker's "witness cosignatures" job: sends each organization's latest checkpoint that a witness has not
 * cosigned to that witness (witnesses side by side, one organization after another for each), apart from
 * the integrator, so a slow or absent witness never delays a signature. `orgIds` limits it to some
 * organizations (tests that share a database).
 */
export async function cosignDueCheckpoints(
  db: Db,
  {
    witnesses,
    memory = newCosigningMemory(),
    orgIds,
    now = Date.now,
  }: { witnesses: readonly Witness[]; memory?: CosigningMemory; orgIds?: readonly string[]; now?: () => number },
): Promise<WitnessRun[]> {
  const runs = await Promise.all(
    witnesses.map(async (witness) => {
      const id = `${witness.name}+${witness.keyId} ${witness.url}`;
      const rest = memory.resting.get(id);
      if (rest && rest.until > now()) return [];
      const done: WitnessRun[] = [];
      for await (const { org_id: orgId, size } of eachDueOrg(db, witness, orgIds)) {
        if (memory.refused.get(`${id} ${orgId}`) === size) continue;
        const outcome = await cosignCheckpoint(db, orgId, witness).catch((error: unknown) => ({
          status: "failed" as const,
          error,
        }));
        done.push({ witness, orgId, outcome });
        if (outcome.status === "unreachable") {
          const failures = (rest?.failures ?? 0) + 1;
          const wait = Math.min(FIRST_REST_MS * 2 ** (failures - 1), LONGEST_REST_MS);
          memory.resting.set(id, { until: now() + wait, failures });
          break; // the others would wait for the same timeout
        }
        memory.resting.delete(id);
        if (outcome.status === "refused" || outcome.status === "invalid_cosignature")
          memory.refused.set(`${id} ${orgId}`, size);
        else memory.refused.delete(`${id} ${orgId}`);
      }
      return done;
    }),
  );
  return runs.flat();
}

/** One line for the worker's log about a run that did not end in a stored cosignature; null when it did. */
export function describeWitnessRun({ witness, orgId, outcome }: WitnessRun): string | null {
  if (outcome.status === "cosigned" || outcome.status === "up_to_date" || outcome.status === "none") return null;
  const who = `witness ${witness.name} (${witness.url}), organization ${orgId}`;
  if (outcome.status === "failed") {
    return `${who}: ${outcome.error instanceof Error ? outcome.error.message : String(outcome.error)}`;
  }
  const what = { refused: "refused", invalid_cosignature: "not stored", unreachable: "unreachable" }[outcome.status];
  return `${who}, checkpoint ${outcome.size}: ${what}: ${outcome.reason}`;
}
