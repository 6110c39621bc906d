import type { z } from "zod";
import type { Actor, RequestContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import type { CheckName, GateDecisionKind, ZGateFacts } from "@/lib/messaging/messaging-events";
import type { GateSubject } from "./gate-subject";

export type { CheckName, GateDecisionKind };
export type GateFacts = z.infer<typeof ZGateFacts>;

/** One check's result as the decision reports it: `ok` only when it passed; "not_run" after an earlier block. */
export type GateCheckResult = { name: CheckName; ok: boolean; code: string; facts: GateFacts };

export type GateDecision = {
  decisionId: string;
  decision: GateDecisionKind;
  /** The deciding reason code: the blocking check's, else the first rescheduling one's, else "allowed". */
  reason: string;
  checks: GateCheckResult[];
  /** When rescheduled: the earliest moment every check allows. */
  sendAfter?: Date;
};

export type GateInput = {
  /** The recipient, E.164 or any form parsePhone reads with the US as default country. */
  to: string;
  campaignId?: string;
  /** The decision's moment (tests and the worker's scheduled time); defaults to the clock. */
  now?: Date;
  /** The message decided on, when it exists already (the worker's re-run). */
  messageId?: string;
};

/** What a check concludes: pass, block (nothing is sent) or reschedule (not before sendAfter). */
export type CheckOutcome =
  | { verdict: "pass" | "block"; code: string; facts?: GateFacts }
  | { verdict: "reschedule"; code: string; facts?: GateFacts; sendAfter: Date };

/** A check: reads what it needs through the subject (memoized lookups in the gate's transaction). */
export type CheckFn = (subject: GateSubject) => Promise<CheckOutcome>;

export type GateOptions = {
  /** Replaces checks (tests inject failures); the order stays the gate's own. */
  checks?: Partial<Record<CheckName, CheckFn>>;
  /** Per check and for the whole gate, in milliseconds (defaults: GATE_TIMEOUTS). */
  timeoutMs?: { perCheck?: number; overall?: number };
};

/** Who the decision is recorded for: the org, the actor (a member, a key, or Verity's worker) and the request. */
export type GateParty = { orgId: string; actor: Actor; context: RequestContext | null; via: "request" | "worker" };

export type GateTx = Tx;
