import "server-only";
import { appendPreparedAuditEntriesLinkedNow, type AppendedEntry } from "@/lib/audit/append-audit-entry";
import type { PreparedAuditEntry } from "@/lib/audit/append-batch";
import { meter } from "@/lib/billing/usage";
import type { Db, InTransaction } from "@/lib/db/client";
import { ingestAppender } from "./ingest-appender";

/**
 * Where an ingest request writes: the transaction the guard opened for an Idempotency-Key (its answer is stored with
 * the entries), or none (`tx` null) and the client, for the ingest appender's group commit.
 */
export type IngestClient = { tx: InTransaction; db?: undefined } | { tx: null; db: Db };

/**
 * Appends one ingest request's events (all of one org), in the order sent, and counts them for billing, both or neither.
 * In a transaction they are linked now (answered with seq and hash) and counted right after the link: the chain head's
 * lock first, then the usage row's, held to the commit, the order the ingest appender's one statement takes them in.
 * Without one, they go through the ingest appender (ingest-appender.ts): no interactive transaction at all.
 */
export async function appendIngested(
  client: IngestClient,
  orgId: string,
  prepared: PreparedAuditEntry[],
): Promise<(AppendedEntry & { prevHash: string })[]> {
  if (client.tx === null) return ingestAppender(client.db).add({ orgId, entries: prepared });
  const { tx } = client;
  const appended = await appendPreparedAuditEntriesLinkedNow(tx, prepared);
  await meter(tx, orgId, "ingested_events", prepared.length);
  return appended;
}
