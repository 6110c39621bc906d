import { AppError } from "./app-error";

/**
 * Prisma's "Transaction API error" (P2028): a transaction could not start in time (the pool was exhausted by a
 * burst) or expired before its commit. Nothing of the request was done, and a retry will likely pass: a 503 with
 * Retry-After, not a 500. Logged as a warning so that a pool too small for the load is seen.
 */
export function databaseBusy(error: unknown, where: string): AppError | null {
  if ((error as { code?: unknown } | null)?.code !== "P2028") return null;
  console.warn(`[${where}] database busy: a transaction could not start or finish in time`);
  return new AppError("unavailable", "The database is busy: nothing was done. Try again in a moment.");
}
