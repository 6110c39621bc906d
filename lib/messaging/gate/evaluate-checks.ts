import "server-only";
import { CHECK_NAMES } from "@/lib/messaging/messaging-events";
import { GATE_CHECKS } from "./checks/gate-checks";
import type { CheckFn, CheckName, CheckOutcome, GateCheckResult, GateDecisionKind, GateOptions } from "./gate-types";
import type { GateSubject } from "./gate-subject";

/**
 * Defaults: one check may take 1.5 s, the seven together 4 s (a decision normally takes a few milliseconds); both
 * below the 5 s a Prisma transaction lives by default, so a slow gate blocks before its transaction expires.
 */
export const GATE_TIMEOUTS = { perCheck: 1_500, overall: 4_000 } as const;

export type Evaluation = {
  decision: GateDecisionKind;
  reason: string;
  checks: GateCheckResult[];
  sendAfter?: Date;
};

class CheckTimeout extends Error {
  constructor(readonly which: "check_timeout" | "gate_timeout") {
    super(which);
  }
}

async function withinTime<T>(work: Promise<T>, ms: number, which: CheckTimeout["which"]): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CheckTimeout(which)), Math.max(0, ms));
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A check that throws, times out or answers something that is not a verdict is a block: internal_error, with
 * what failed in its facts (the error's class, never its message, which could carry data).
 */
async function runOne(
  check: CheckFn,
  subject: GateSubject,
  timeoutMs: number,
  gateLeftMs: number,
): Promise<CheckOutcome> {
  const which = timeoutMs <= gateLeftMs ? "check_timeout" : "gate_timeout";
  try {
    if (gateLeftMs <= 0) throw new CheckTimeout("gate_timeout");
    // Started inside the try: a check that throws before its first await is caught like one that rejects.
    const outcome = await withinTime(
      Promise.resolve().then(() => check(subject)),
      Math.min(timeoutMs, gateLeftMs),
      which,
    );
    const valid =
      outcome &&
      typeof outcome.code === "string" &&
      (outcome.verdict === "pass" ||
        outcome.verdict === "block" ||
        (outcome.verdict === "reschedule" && outcome.sendAfter instanceof Date && !isNaN(outcome.sendAfter.getTime())));
    if (!valid) return { verdict: "block", code: "internal_error", facts: { failure: "invalid_outcome" } };
    return outcome;
  } catch (error) {
    if (error instanceof CheckTimeout)
      return {
        verdict: "block",
        code: "internal_error",
        facts: { failure: error.which, timeoutMs: Math.min(timeoutMs, gateLeftMs) },
      };
    const name = error instanceof Error ? error.name : typeof error;
    return { verdict: "block", code: "internal_error", facts: { failure: "exception", error: name } };
  }
}

/**
 * Runs the seven checks in their fixed order. The first block ends the evaluation: the checks after it are
 * reported as "not_run" (ok: false), since what they would read may not exist (no contact, no consent) and a
 * blocked message needs no more reasons. A reschedule does not end it: a later check may still block, and the
 * message may be sent only when every rescheduling check allows (the latest of their times).
 */
export async function evaluateChecks(subject: GateSubject, options: GateOptions = {}): Promise<Evaluation> {
  const perCheck = options.timeoutMs?.perCheck ?? GATE_TIMEOUTS.perCheck;
  const deadline = Date.now() + (options.timeoutMs?.overall ?? GATE_TIMEOUTS.overall);
  const checks: GateCheckResult[] = [];
  let blocked: GateCheckResult | null = null;
  let rescheduled: { code: string; sendAfter: Date } | null = null;
  for (const [name, builtIn] of GATE_CHECKS) {
    if (blocked) {
      checks.push({ name, ok: false, code: "not_run", facts: {} });
      continue;
    }
    const outcome = await runOne(options.checks?.[name] ?? builtIn, subject, perCheck, deadline - Date.now());
    const result = { name, ok: outcome.verdict === "pass", code: outcome.code, facts: outcome.facts ?? {} };
    checks.push(result);
    if (outcome.verdict === "block") blocked = result;
    if (outcome.verdict === "reschedule") rescheduled = laterOf(rescheduled, outcome);
  }
  if (checks.length !== CHECK_NAMES.length) throw new Error("the gate must report all seven checks");
  if (blocked) return { decision: "block", reason: blocked.code, checks };
  if (rescheduled)
    return { decision: "reschedule", reason: rescheduled.code, checks, sendAfter: rescheduled.sendAfter };
  return { decision: "allow", reason: "allowed", checks };
}

/** The earlier reschedule's reason stays the decision's; the later time is the one every check allows. */
function laterOf(earlier: { code: string; sendAfter: Date } | null, outcome: { code: string; sendAfter: Date }) {
  if (!earlier) return { code: outcome.code, sendAfter: outcome.sendAfter };
  return {
    code: earlier.code,
    sendAfter: outcome.sendAfter > earlier.sendAfter ? outcome.sendAfter : earlier.sendAfter,
  };
}

/** A block for a gate that could not decide at all (it failed outside any one check): every check not run. */
export function failedEvaluation(failure: string, checkName?: CheckName): Evaluation {
  const checks = CHECK_NAMES.map((name): GateCheckResult =>
    name === (checkName ?? "kill_switch")
      ? { name, ok: false, code: "internal_error", facts: { failure } }
      : { name, ok: false, code: "not_run", facts: {} },
  );
  return { decision: "block", reason: "internal_error", checks };
}
