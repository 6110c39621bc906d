import type { REDACTION_STAGES } from "../recording-events";

export type RedactionStage = (typeof REDACTION_STAGES)[number];

/**
 * A redaction that cannot go on: the stage and Verity's own words for why. The message never quotes a detector's
 * answer, an error from the store or any transcript text (they may hold card data or credentials).
 */
export class RedactionFailure extends Error {
  constructor(
    readonly stage: RedactionStage,
    readonly reason: string,
  ) {
    super(reason);
    this.name = "RedactionFailure";
  }
}

/** Runs a stage; anything it throws becomes a RedactionFailure of that stage (fail closed). */
export async function atStage<T>(stage: RedactionStage, reason: string, work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RedactionFailure) throw error;
    throw new RedactionFailure(stage, `${reason} (${(error as Error)?.name ?? "error"})`);
  }
}
