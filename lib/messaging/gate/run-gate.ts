import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { SYSTEM_ACTOR } from "@/lib/audit/append-audit-entry";
import { auditedBy, type OrgContext } from "@/lib/context";
import { getDb, type Db, type Tx } from "@/lib/db/client";
import { evaluateChecks, failedEvaluation, type Evaluation } from "./evaluate-checks";
import { GateNotRecordedError } from "./gate-not-recorded";
import { GateSubject } from "./gate-subject";
import type { GateDecision, GateInput, GateOptions, GateParty } from "./gate-types";
import { recordBlockOnItsOwn } from "./record-block-on-its-own";
import { recordDecision, type DecisionRecord } from "./record-decision";

export type RunGateOptions = GateOptions & {
  /** The client the block is recorded with when the transaction fails (default: the app's, getDb()). */
  db?: Db;
};

const ZGateInput = z.object({
  to: z.string().max(64),
  campaignId: z.uuid().optional(),
  now: z.date().optional(),
  messageId: z.uuid().optional(),
});

/**
 * The pre-send compliance gate (issue 20): seven checks in a fixed order, failing closed (any exception, timeout,
 * missing fact or unknown state is a block), the decision written as a MessagingDecision row and a
 * message.allowed / message.blocked / message.rescheduled entry in the caller's transaction. If that write fails,
 * the block is recorded in a transaction of its own and GateNotRecordedError is thrown: nothing may be sent.
 * Ill-formed input (a campaignId or messageId that is not a UUID) is a ZodError, a 400, before any decision.
 */
export function runGate(tx: Tx, ctx: OrgContext, input: GateInput, options?: RunGateOptions): Promise<GateDecision> {
  return decide(tx, { ...auditedBy(ctx), via: "request" }, input, options);
}

/**
 * The gate for Verity's own jobs (the delivery worker re-running it at send time): no member or key acts, so the
 * entry's actor is Verity (SYSTEM_ACTOR) and no request is behind it.
 */
export function runGateForWorker(
  tx: Tx,
  org: { orgId: string },
  input: GateInput,
  options?: RunGateOptions,
): Promise<GateDecision> {
  return decide(tx, { orgId: org.orgId, actor: SYSTEM_ACTOR, context: null, via: "worker" }, input, options);
}

/** The gate in a transaction of its own (a check without sending; a job with nothing else to write). */
export async function runGateOnItsOwn(
  db: Db,
  party: GateParty,
  input: GateInput,
  options?: Omit<RunGateOptions, "db">,
): Promise<GateDecision> {
  try {
    return await db.$transaction((tx) => decide(tx, party, input, { ...options, db }));
  } catch (error) {
    if (error instanceof GateNotRecordedError) {
      const recorded = await error.recorded;
      if (recorded) return recorded;
    }
    throw error;
  }
}

async function decide(
  tx: Tx,
  party: GateParty,
  rawInput: GateInput,
  options: RunGateOptions = {},
): Promise<GateDecision> {
  const input = ZGateInput.parse(rawInput);
  const subject = new GateSubject(
    tx,
    party.orgId,
    input.to,
    input.now ?? new Date(),
    input.campaignId ?? null,
    input.messageId ?? null,
  );
  let evaluation: Evaluation;
  try {
    evaluation = await evaluateChecks(subject, options);
  } catch {
    evaluation = failedEvaluation("exception");
  }
  const record: DecisionRecord = {
    decisionId: randomUUID(),
    phone: subject.phone?.e164 ?? input.to.slice(0, 32),
    contactId: await subject.knownContactId(),
    campaignId: input.campaignId ?? null,
    messageId: input.messageId ?? null,
    decidedAt: new Date(),
  };
  try {
    return await recordDecision(tx, party, record, evaluation);
  } catch (error) {
    const recorded = recordBlockOnItsOwn(
      options.db ?? getDb(),
      party,
      { ...record, failure: "record_failed" },
      evaluation,
    );
    throw new GateNotRecordedError(record.decisionId, recorded, { cause: error });
  }
}
