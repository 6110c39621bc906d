import "server-only";
import type { Db } from "@/lib/db/client";
import { prepareAuditEntry, type AppendedEntry, type AuditEvent } from "./append-audit-entry";
import { standaloneAppender } from "./standalone-appender";

/**
 * Appends an entry that records no other change (a denial, a failed sign-in, an export that ended)
 * and commits it on its own, never in a caller's transaction: it takes the client, not a
 * transaction. Group-committed with the other standalone appends of this process
 * (standalone-appender.ts): one statement, one commit per batch, each caller its own answer.
 */
export async function appendAuditEntryOnItsOwn(db: Db, event: AuditEvent): Promise<AppendedEntry> {
  // A transaction client has no $connect (append-audit-entry.ts): its entry would be the caller's to commit.
  if (!("$connect" in db))
    throw new Error("appendAuditEntryOnItsOwn commits on its own: inside a transaction, use appendAuditEntry");
  const prepared = prepareAuditEntry(event);
  const { seq, hash } = await standaloneAppender(db).add(prepared);
  return { id: prepared.content.id, seq, hash };
}
