import "server-only";
import type { Db, InTransaction } from "@/lib/db/client";
import { appendAuditEntry, type AuditEvent } from "./append-audit-entry";
import { appendAuditEntryOnItsOwn } from "./append-audit-entry-on-its-own";

type UserEvent = Omit<AuditEvent, "orgId" | "actor" | "target">;
type User = { id: string; email: string };

/**
 * An event about a person (sign-in, second factor, password) belongs in the trail of every
 * organization they are a member of, with them as actor and target. Organizations are taken in id
 * order, so two transactions that lock several chain heads always lock them in the same order.
 */
async function eventsForUser(client: Db | InTransaction, user: User, event: UserEvent): Promise<AuditEvent[]> {
  const memberships = await client.membership.findMany({
    where: { userId: user.id },
    select: { orgId: true },
    orderBy: { orgId: "asc" },
  });
  const who = { id: user.id, display: user.email };
  return memberships.map(({ orgId }) => ({
    ...event,
    orgId,
    actor: { type: "user", ...who },
    target: { type: "user", ...who },
  }));
}

/** The person's event in each of their organizations, in the caller's transaction. */
export async function appendForUser(tx: InTransaction, user: User, event: UserEvent): Promise<void> {
  for (const entry of await eventsForUser(tx, user, event)) await appendAuditEntry(tx, entry);
}

/** The person's event in each of their organizations, each entry committed on its own (a failed sign-in). */
export async function appendForUserOnItsOwn(db: Db, user: User, event: UserEvent): Promise<void> {
  for (const entry of await eventsForUser(db, user, event)) await appendAuditEntryOnItsOwn(db, entry);
}
