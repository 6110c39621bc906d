import "server-only";
import type { Db } from "@/lib/db/client";
import type { Evaluation } from "./evaluate-checks";
import type { GateDecision, GateParty } from "./gate-types";
import { recordDecision, type DecisionRecord } from "./record-decision";

/**
 * Long enough to wait for the failed transaction to end: the embedded database serves one transaction at a
 * time, so this one starts only once the caller's has rolled back.
 */
const WAIT_MS = 30_000;

/**
 * When the gate's own transaction failed, the block must still be on the record: the decision row and its
 * message.blocked entry (reason internal_error, the checks as they were evaluated, `failure` saying what failed),
 * committed in a transaction of their own. Never throws: what it could not record goes to the log.
 */
export async function recordBlockOnItsOwn(
  db: Db,
  party: GateParty,
  record: DecisionRecord & { failure: NonNullable<DecisionRecord["failure"]> },
  evaluation: Pick<Evaluation, "checks">,
): Promise<GateDecision | null> {
  const block: Evaluation = { decision: "block", reason: "internal_error", checks: evaluation.checks };
  try {
    return await db.$transaction((tx) => recordDecision(tx, party, record, block), {
      maxWait: WAIT_MS,
      timeout: WAIT_MS,
    });
  } catch (error) {
    console.error(`messaging gate: could not record the block of decision ${record.decisionId}`, error);
    return null;
  }
}
