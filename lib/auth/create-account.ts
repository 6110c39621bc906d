import "server-only";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import type { RequestContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { createOrganization } from "@/lib/orgs/create-organization";
import type { TSignUp } from "./schemas";

/**
 * A user and their first organization, with them as its owner, in the caller's transaction: the user,
 * the organization, the membership, the chain head and both audit entries commit together or not at
 * all. The address is unconfirmed unless `emailVerifiedAt` says otherwise (lib/testing's factories).
 */
export async function createAccount(
  tx: Tx,
  {
    fields,
    passwordHash,
    context,
    emailVerifiedAt = null,
  }: { fields: TSignUp; passwordHash: string; context: RequestContext | null; emailVerifiedAt?: Date | null },
) {
  const user = await tx.user.create({
    data: { email: fields.email, name: fields.name, passwordHash, emailVerifiedAt },
  });
  const actor = { type: "user" as const, id: user.id, display: user.email };
  const org = await createOrganization(tx, {
    name: fields.organizationName ?? `${fields.name}'s organization`,
    ownerId: user.id,
    actor,
    context,
  });
  await appendAuditEntry(tx, {
    orgId: org.id,
    action: "user.signed_up",
    actor,
    target: { type: "user", id: user.id, display: user.email },
    context,
    metadata: { email: user.email },
  });
  return { user, org };
}
