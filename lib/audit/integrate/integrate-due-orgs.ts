import "server-only";
import type { Db } from "@/lib/db/client";
import { integrateOrg, type IntegrationOutcome } from "./integrate-org";

/** VERITY_CHECKPOINT_INTERVAL: seconds between an organization's checkpoints while it has new entries. */
export function checkpointIntervalMs(env: NodeJS.ProcessEnv = process.env): number {
  const configured = env.VERITY_CHECKPOINT_INTERVAL?.trim();
  const seconds = configured ? Number(configured) : 5;
  if (!Number.isFinite(seconds) || seconds < 0)
    throw new Error("VERITY_CHECKPOINT_INTERVAL is a number of seconds ≥ 0");
  return Math.round(seconds * 1000);
}

/** Organizations visited per call, oldest checkpoint first; the rest wait for the next call. */
const DUE_LIMIT = 100;

/**
 * The organizations whose chain head has moved from their last checkpoint (new entries, or a head that
 * went back or changed under it, which integrateOrg reports) and whose last checkpoint is at least
 * `intervalMs` old, halted ones left out.
 */
async function dueOrgs(db: Db, intervalMs: number, orgIds: string[] | null): Promise<string[]> {
  const rows = await db.$queryRaw<{ org_id: string }[]>`
    SELECT h.org_id::text AS org_id
      FROM audit_chain_heads h
      LEFT JOIN LATERAL (SELECT size, chain_hash, created_at FROM audit_checkpoints c
                          WHERE c.org_id = h.org_id ORDER BY size DESC LIMIT 1) c ON TRUE
     WHERE (h.seq <> coalesce(c.size, 0) OR h.hash <> coalesce(c.chain_hash, h.hash))
       AND (c.created_at IS NULL OR c.created_at <= now() - make_interval(secs => ${intervalMs / 1000}))
       AND NOT EXISTS (SELECT 1 FROM audit_integration_halts x WHERE x.org_id = h.org_id)
       AND (${orgIds}::uuid[] IS NULL OR h.org_id = ANY(${orgIds}::uuid[]))
     ORDER BY c.created_at NULLS FIRST
     LIMIT ${DUE_LIMIT}`;
  return rows.map((row) => row.org_id);
}

/** Organizations one worker integrates side by side (each on a connection of its own). */
const SIDE_BY_SIDE = 4;

/**
 * The worker's "audit checkpoints" job: integrates every due organization, a few at a time, skipping
 * those another worker is integrating (integrateOrg without waiting), and returns what happened to each.
 */
export async function integrateDueOrgs(
  db: Db,
  {
    intervalMs = checkpointIntervalMs(),
    signal,
    orgIds = null,
  }: {
    intervalMs?: number;
    signal?: AbortSignal;
    /** Only these organizations (an operator's targeted run; tests that share a database). */
    orgIds?: string[] | null;
  } = {},
): Promise<Map<string, IntegrationOutcome | { status: "failed"; error: unknown }>> {
  const outcomes = new Map<string, IntegrationOutcome | { status: "failed"; error: unknown }>();
  const due = await dueOrgs(db, intervalMs, orgIds);
  const next = async (): Promise<void> => {
    for (let orgId = due.shift(); orgId !== undefined && !signal?.aborted; orgId = due.shift()) {
      // One organization's failure (a halt that could not be recorded, a lost connection) never holds up the others.
      const outcome = await integrateOrg(db, orgId).catch((error: unknown) => ({ status: "failed" as const, error }));
      outcomes.set(orgId, outcome);
    }
  };
  await Promise.all(Array.from({ length: SIDE_BY_SIDE }, next));
  return outcomes;
}
