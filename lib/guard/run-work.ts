import "server-only";
import { getDb, type Tx } from "@/lib/db/client";

/**
 * How long the work of one request may hold its transaction. Inside it, use `tx` only: the embedded
 * database runs one transaction at a time, so a query on another connection would wait for it to end.
 */
export const TRANSACTION_TIMEOUT_MS = 15_000;

/** The pipeline's run step, when the work asks for a transaction: one, with the request's timeout. */
export function inTransaction<T>(work: (tx: Tx) => Promise<T>, timeoutMs = TRANSACTION_TIMEOUT_MS): Promise<T> {
  return getDb().$transaction(work, { timeout: timeoutMs });
}
