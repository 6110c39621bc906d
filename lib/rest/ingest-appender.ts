import "server-only";
import type { AppendedEntry } from "@/lib/audit/append-audit-entry";
import { appendAuditBatch, appendBatchSql, type PreparedAuditEntry } from "@/lib/audit/append-batch";
import { meterCte } from "@/lib/billing/usage";
import type { Db } from "@/lib/db/client";
import { GroupWriter, writerPerClient } from "@/lib/db/group-writer";

/** One ingest request's events (one, or a batch's), all of one organization: appended together or not at all. */
export type IngestedEvents = { orgId: string; entries: PreparedAuditEntry[] };
export type IngestAppender = GroupWriter<IngestedEvents, (AppendedEntry & { prevHash: string })[]>;

/**
 * The standalone append (APPEND_BATCH_SQL) and, in the same statement, the count of the events appended, per org
 * ($20 the org of each request, $21 its number of events): only orgs whose entries went in (`head`) are counted.
 */
const INGEST_SQL = appendBatchSql(
  meterCte(
    "counted",
    "ingested_events",
    `(SELECT u.org_id, u.count FROM unnest($20::uuid[], $21::bigint[]) AS u(org_id, count)
           WHERE u.org_id IN (SELECT org_id FROM head)) r`,
  ),
);

/**
 * Groups in flight, and the most events one statement carries: a full batch (1,000) goes alone; single events and
 * batches of 100 share statements. Two in flight as the standalone appender (standalone-appender.ts).
 */
const LIMITS = { inFlight: 2, groupSize: 1_000, weigh: (item: IngestedEvents) => item.entries.length };

/**
 * Group commit for the REST ingest without an Idempotency-Key (POST /audit-events and its batch): the events of the
 * requests that arrive together are linked, inserted and counted for billing in ONE autocommitted statement, so a
 * request costs no interactive transaction and each org's head is locked for that statement only. A request's events
 * are one item: a failing group is written again one request at a time (GroupWriter), so a batch is still all or
 * nothing. The locks are taken heads first, then the usage rows, as ingest in a transaction takes them
 * (append-ingested.ts), so the two paths never wait on each other in a cycle.
 */
function appenderOf(db: Db): IngestAppender {
  return new GroupWriter<IngestedEvents, (AppendedEntry & { prevHash: string })[]>(async (items) => {
    const entries = items.flatMap((item) => item.entries);
    const statement = {
      name: "verity_ingest_audit_events",
      sql: INGEST_SQL,
      values: [items.map((item) => item.orgId), items.map((item) => item.entries.length)],
    };
    const written = await appendAuditBatch(db, entries, statement);
    return items.map((item) => {
      const appended = item.entries.map(({ content }) => {
        const link = written.get(content.id);
        return link && { id: content.id, ...link };
      });
      if (appended.some((entry) => entry === undefined)) {
        return new Error(`organization ${item.orgId} has no audit chain head`);
      }
      return appended as (AppendedEntry & { prevHash: string })[];
    });
  }, LIMITS);
}

export const ingestAppender: (db: Db) => IngestAppender = writerPerClient(appenderOf);
