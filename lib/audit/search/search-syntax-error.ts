import { AppError } from "@/lib/http/app-error";

/**
 * A search the audit query language cannot read. `position` is 1-based and counts UTF-16 code units
 * (what an input's setSelectionRange takes, plus one), so the screen can underline `length`
 * characters from there; the message names the same position for API clients.
 */
export class SearchSyntaxError extends AppError {
  constructor(
    message: string,
    readonly position: number,
    readonly length: number,
  ) {
    // position and length: extension members of the 400's problem+json body, for the screen to underline.
    super("invalid_input", message, { q: [message] }, undefined, { position, length });
    this.name = "SearchSyntaxError";
  }
}

/** Where a search went wrong, for underlining it; null when the error is not about the query's syntax. */
export function searchErrorSpan(error: unknown): { position: number; length: number } | null {
  return error instanceof SearchSyntaxError ? { position: error.position, length: error.length } : null;
}
