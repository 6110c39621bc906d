import { AppError } from "@/lib/http/app-error";
import type { GateDecision } from "./gate-types";

/**
 * The gate decided but its transaction could not take the decision: nothing may be sent, and the caller answers
 * 503. The block is being recorded on its own (`recorded` settles once it is, with the decision, or null if even
 * that failed).
 */
export class GateNotRecordedError extends AppError {
  constructor(
    readonly decisionId: string,
    readonly recorded: Promise<GateDecision | null>,
    options?: { cause?: unknown },
  ) {
    super("unavailable", "The compliance gate could not record its decision: nothing was sent. Try again.");
    this.name = "GateNotRecordedError";
    if (options?.cause !== undefined) Object.defineProperty(this, "cause", { value: options.cause });
  }
}
