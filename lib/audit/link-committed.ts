import "server-only";
import { afterCommit, queryPrepared, type Db, type InTransaction } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";

/**
 * Linking after the commit (issue 23; README, Decisions). An entry appended in a business transaction
 * (appendAuditEntry) commits into audit_pending_entries with the change it records; its commit gives it
 * its place (commit_order) and checks the organization has a chain head, without locking the head. Right
 * after the commit, before the transaction's `$transaction` returns, linkCommittedEntries links it: one
 * short transaction per call takes the organization's link lock and links every committed pending entry
 * of the organization at once, in commit order. Many transactions committing together therefore share
 * one link, and no business transaction holds the head. What a crash leaves between commit and link,
 * linkAllPendingEntries (the worker's sweep, `verity start`, verification and the integrator) links.
 * The linking itself is the database function verity_link_pending_audit_entries (migration
 * 20261207100611_audit_link_after_commit), which runs LINK_CTES (append-batch.ts).
 */
export type LinkedEntry = { id: string; seq: bigint; hash: string; prevHash: string };

type Registered = { orgIds: Set<string>; entryIds: string[] };
/**
 * On globalThis, like the client's after-commit hooks: every copy of this module must add to the same registration,
 * and share one group linker per client.
 */
const globalForLinks = globalThis as unknown as {
  verityAuditLinkRegistrations?: WeakMap<object, Registered>;
  verityAuditGroupLinkers?: WeakMap<Db, GroupLinker>;
};
const registered = (globalForLinks.verityAuditLinkRegistrations ??= new WeakMap<object, Registered>());
const groupLinkers = (globalForLinks.verityAuditGroupLinkers ??= new WeakMap<Db, GroupLinker>());

/**
 * Links `entryIds` of these organizations (and every other committed pending entry of them) unless another
 * linker already has: then it returns at once, without a lock. Answers what this call linked.
 */
export async function linkCommittedEntries(
  db: Db,
  orgIds: string[],
  entryIds: string[] | null,
): Promise<LinkedEntry[]> {
  if (orgIds.length === 0) return [];
  const rows = await queryPrepared<{ id: string; seq: string | bigint; hash: string; prev_hash: string }>(
    db,
    "verity_link_committed_audit_entries",
    // Its own transaction, committed without waiting for the WAL flush: what it writes is derived from entries
    // already committed (migration 20261207144000_audit_link_commit_without_flush says why nothing is lost).
    Prisma.sql`SELECT entry_id::text AS id, entry_seq::text AS seq, entry_hash AS hash, entry_prev_hash AS prev_hash
                 FROM verity_link_committed_audit_entries(${orgIds}::uuid[], ${entryIds}::uuid[])`,
  );
  return rows.map((row) => ({ id: row.id, seq: BigInt(row.seq), hash: row.hash, prevHash: row.prev_hash }));
}

type Waiter = { orgIds: string[]; resolve: () => void; reject: (error: unknown) => void };
type Group = { orgIds: Set<string>; entryIds: string[]; waiters: Waiter[] };

/**
 * Group linking, as the standalone appender group-commits (standalone-appender.ts): one link in flight per client.
 * A transaction that commits while a link runs waits for it to end, then leaves with every other one that
 * committed meanwhile, in one linking call for all their organizations: many commits of a busy process pay one
 * link transaction (one round trip, one commit, the organizations' link locks taken once), instead of each its
 * own, queued behind the others on the same lock. Each caller's promise settles once its entries are linked
 * (or its link failed). A failed group of several organizations is retried one organization at a time, so an
 * organization whose entries cannot be linked (its head was moved) fails only its own callers.
 */
class GroupLinker {
  private next: Group | null = null;
  private running = false;

  constructor(private readonly db: Db) {}

  link(orgIds: string[], entryIds: string[]): Promise<void> {
    const group = (this.next ??= { orgIds: new Set(), entryIds: [], waiters: [] });
    for (const orgId of orgIds) group.orgIds.add(orgId);
    group.entryIds.push(...entryIds);
    const linked = new Promise<void>((resolve, reject) => group.waiters.push({ orgIds, resolve, reject }));
    this.start();
    return linked;
  }

  private start() {
    if (this.running || !this.next) return;
    const group = this.next;
    this.next = null;
    this.running = true;
    void this.run(group).finally(() => {
      this.running = false;
      this.start();
    });
  }

  private async run({ orgIds, entryIds, waiters }: Group) {
    const orgs = [...orgIds].sort();
    try {
      await linkCommittedEntries(this.db, orgs, entryIds);
      for (const waiter of waiters) waiter.resolve();
      return;
    } catch (error) {
      if (orgs.length === 1) return waiters.forEach((waiter) => waiter.reject(error));
    }
    const failed = new Map<string, unknown>();
    for (const orgId of orgs) {
      await linkCommittedEntries(this.db, [orgId], null).catch((error: unknown) => failed.set(orgId, error));
    }
    for (const waiter of waiters) {
      const own = waiter.orgIds.find((orgId) => failed.has(orgId));
      if (own === undefined) waiter.resolve();
      else waiter.reject(failed.get(own));
    }
  }
}

function groupLinker(db: Db): GroupLinker {
  let linker = groupLinkers.get(db);
  if (!linker) groupLinkers.set(db, (linker = new GroupLinker(db)));
  return linker;
}

/**
 * Has the transaction's entries linked right after it commits (the client's after-commit work, lib/db/client.ts),
 * with those of the other transactions of this client that committed meanwhile (GroupLinker).
 * Without the client's `$transaction` (a transaction opened otherwise) they wait for the sweeper.
 */
export function linkAfterCommit(tx: InTransaction, entries: { orgId: string; id: string }[]): void {
  let own = registered.get(tx);
  if (!own) {
    const fresh: Registered = { orgIds: new Set(), entryIds: [] };
    const hooked = afterCommit(tx, "audit.link", (db) => groupLinker(db).link([...fresh.orgIds], fresh.entryIds));
    if (!hooked) return;
    registered.set(tx, (own = fresh));
  }
  for (const entry of entries) {
    own.orgIds.add(entry.orgId);
    own.entryIds.push(entry.id);
  }
}

/** The organizations with committed entries not yet linked (all of them, or one). */
export async function organizationsWithPendingEntries(db: Db, orgId?: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ org_id: string }[]>`
    SELECT DISTINCT org_id::text AS org_id FROM audit_pending_entries
     WHERE ${orgId ?? null}::uuid IS NULL OR org_id = ${orgId ?? null}::uuid`;
  return rows.map((row) => row.org_id).sort();
}

/**
 * The sweep: links every committed pending entry (of every organization, or of one), an organization per
 * linking transaction. Answers how many entries it linked. Idempotent, and safe beside the after-commit links.
 * An organization whose entries cannot be linked (its chain head was moved under the chain, so a link would
 * collide) is logged and left pending, where verification reports it; the other organizations are still linked.
 */
export async function linkAllPendingEntries(db: Db, orgId?: string): Promise<number> {
  let linked = 0;
  for (const org of await organizationsWithPendingEntries(db, orgId)) {
    try {
      linked += (await linkCommittedEntries(db, [org], null)).length;
    } catch (error) {
      console.error(`audit pending links: the entries of organization ${org} stay pending:`, errorMessage(error));
    }
  }
  return linked;
}

const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** How many committed entries of the organization wait to be linked (verification reports them as pending). */
export async function countPendingEntries(db: Pick<Db, "auditPendingEntry">, orgId: string): Promise<number> {
  return db.auditPendingEntry.count({ where: { orgId } });
}
