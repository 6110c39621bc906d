import "server-only";
import { appendAuditEntry, type AuditRequestContext, type AuditActor } from "@/lib/audit";
import { getDb, type Db, type Tx } from "@/lib/db";
import { decoyHash, verifyPassword } from "./password";
import { ZSignIn } from "./schemas";
import { createSession, revokeSession } from "./sessions";

export type SignInResult = { ok: true; userId: string; sessionId: string } | { ok: false; reason: "invalid_credentials" | "invalid_input" };

/** An event about a user belongs in the trail of every organization they are a member of. */
async function appendToUserOrgs(tx: Tx | Db, userId: string, event: (orgId: string) => Parameters<typeof appendAuditEntry>[1]) {
  const memberships = await tx.membership.findMany({ where: { userId }, select: { orgId: true }, orderBy: { orgId: "asc" } });
  for (const { orgId } of memberships) await appendAuditEntry(tx, event(orgId));
}

/**
 * Checks an email and password and opens a session. An unknown email and a wrong password answer
 * the same, after the same argon2 work, so the answer does not reveal who has an account.
 */
export async function signIn({ input, context }: { input: unknown; context: AuditRequestContext | null }): Promise<SignInResult> {
  const parsed = ZSignIn.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid_input" };
  const db = getDb();
  const user = await db.user.findUnique({ where: { email: parsed.data.email }, omit: { passwordHash: false } });
  const passwordMatches = await verifyPassword(user?.passwordHash ?? (await decoyHash()), parsed.data.password);
  if (!user) return { ok: false, reason: "invalid_credentials" };

  const actor: AuditActor = { type: "user", id: user.id, display: user.email };
  const target = { type: "user", id: user.id, display: user.email };
  if (!passwordMatches) {
    // Failures are evidence too: recorded on their own, since nothing else changes.
    await appendToUserOrgs(db, user.id, (orgId) => ({
      orgId, action: "user.sign_in_failed", actor, target, outcome: "failure", context, metadata: { reason: "wrong_password" },
    }));
    return { ok: false, reason: "invalid_credentials" };
  }
  const session = await db.$transaction(async (tx) => {
    const created = await createSession(tx, { userId: user.id, context });
    await appendToUserOrgs(tx, user.id, (orgId) => ({
      orgId, action: "user.signed_in", actor, target, context, metadata: { method: "password" },
    }));
    return created;
  });
  return { ok: true, userId: user.id, sessionId: session.id };
}

export async function signOut({ userId, sessionId, context }: { userId: string; sessionId: string; context: AuditRequestContext | null }) {
  await getDb().$transaction(async (tx) => {
    if (!(await revokeSession(tx, { sessionId, userId }))) return;
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
    const actor: AuditActor = { type: "user", id: userId, display: user.email };
    await appendToUserOrgs(tx, userId, (orgId) => ({
      orgId, action: "user.signed_out", actor, target: { type: "user", id: userId, display: user.email }, context, metadata: {},
    }));
  });
}
