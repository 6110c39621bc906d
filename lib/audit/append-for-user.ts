import "server-only";
import type { Db, Tx } from "@/lib/db";
import { appendAuditEntry, type AuditEvent } from "./append-audit-entry";

/**
 * An event about a person (sign-in, second factor, password) belongs in the trail of every
 * organization they are a member of, with them as actor and target. Organizations are taken in id
 * order, so two transactions that lock several chain heads always lock them in the same order.
 */
export async function appendForUser(
  client: Tx | Db,
  user: { id: string; email: string },
  event: Omit<AuditEvent, "orgId" | "actor" | "target">,
): Promise<void> {
  const memberships = await client.membership.findMany({ where: { userId: user.id }, select: { orgId: true }, orderBy: { orgId: "asc" } });
  const who = { id: user.id, display: user.email };
  for (const { orgId } of memberships) {
    await appendAuditEntry(client, { ...event, orgId, actor: { type: "user", ...who }, target: { type: "user", ...who } });
  }
}
