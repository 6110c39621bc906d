import "server-only";
import type { z } from "zod";
import {
  appendPreparedAuditEntriesLinkedNow,
  prepareAuditEntry,
  type AppendedEntry,
} from "@/lib/audit/append-audit-entry";
import type { PreparedAuditEntry } from "@/lib/audit/append-batch";
import { assertIngestAllowed } from "@/lib/billing/limits";
import { meter } from "@/lib/billing/usage";
import { auditedBy, type OrgContext } from "@/lib/context";
import type { Db, InTransaction } from "@/lib/db/client";
import { ingestAppender } from "./ingest-appender";
import type { ZIngestEvent } from "./ingest-event";

/**
 * Where an ingest request writes: the transaction the guard opened for an Idempotency-Key (its answer is stored with
 * the entries), or none (`tx` null) and the client, for the ingest appender's group commit.
 */
export type IngestClient = { tx: InTransaction; db?: undefined } | { tx: null; db: Db };

/**
 * Records one ingest request's events (all of the key's org), in the order sent, and counts them for billing, both or
 * neither, after the Free plan's allowance check; each is answered with its prepared content and its link.
 * In a transaction they are linked now (answered with seq and hash) and counted right after the link: the chain head's
 * lock first, then the usage row's, held to the commit, the order the ingest appender's one statement takes them in.
 * Without one, they go through the ingest appender (ingest-appender.ts): no interactive transaction at all.
 */
export async function ingestEvents(
  client: IngestClient,
  ctx: OrgContext,
  events: z.output<typeof ZIngestEvent>[],
): Promise<{ prepared: PreparedAuditEntry; appended: AppendedEntry & { prevHash: string } }[]> {
  await assertIngestAllowed(client.tx ?? client.db, ctx, events.length);
  const by = auditedBy(ctx);
  const prepared = events.map((event) =>
    prepareAuditEntry({
      ...by,
      action: event.action as `custom.${string}`,
      target: event.target ?? null,
      outcome: event.outcome,
      metadata: event.metadata,
    }),
  );
  const appended = await appendIngested(client, ctx.org.id, prepared);
  return prepared.map((entry, i) => ({ prepared: entry, appended: appended[i] }));
}

async function appendIngested(
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
