import "server-only";
import type { Db } from "@/lib/db/client";
import { integrateOrg, type IntegrationOutcome } from "./integrate-org";
import { lastCheckpoint, type StoredCheckpoint } from "./last-checkpoint";

/**
 * Brings the organization's checkpoint up to its chain head now (before an export or a verification),
 * waiting for a worker that is integrating it, then answers its latest checkpoint and the last outcome
 * (a halt among them: the checkpoint is then the last one signed before the break).
 */
export async function checkpointNow(
  db: Db,
  orgId: string,
): Promise<{ checkpoint: StoredCheckpoint | null; outcome: IntegrationOutcome }> {
  let outcome = await integrateOrg(db, orgId, { wait: true });
  while (outcome.status === "checkpointed" && outcome.more) outcome = await integrateOrg(db, orgId, { wait: true });
  return { checkpoint: await lastCheckpoint(db, orgId), outcome };
}
