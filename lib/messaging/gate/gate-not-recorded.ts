import type { GateDecision } from "./gate-types";

/**
 * The gate decided but its transaction could not take the decision: nothing may be sent. The block is being
 * recorded on its own (`recorded` settles once it is, with the decision, or null if even that failed).
 */
export class GateNotRecordedError extends Error {
  constructor(
    readonly decisionId: string,
    readonly recorded: Promise<GateDecision | null>,
    options?: { cause?: unknown },
  ) {
    super(`the messaging gate could not record decision ${decisionId}; it is recorded as blocked on its own`, options);
    this.name = "GateNotRecordedError";
  }
}
