import "server-only";
import { randomBytes } from "node:crypto";
import { revokeKeysOfDeparted } from "@/lib/api-keys/revoke-keys-of-departed";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { auditedBy, type OrgContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import type { Subject } from "./find-subject";
import type { TCompletionRecord } from "./dsr-schemas";

/** Why the trail stays: it is the record the law requires of the organization, and evidence. */
export const AUDIT_TRAIL_KEPT =
  "Kept: the audit trail is append-only evidence the organization must keep for its legal obligations and " +
  "for legal claims (GDPR Art. 17(3)(b) and (e)); it is deleted only at the end of its retention.";
const REQUEST_KEPT = "Kept: proof that this request was received and answered (the subject's identifier only).";

/**
 * Erases what this organization controls about the subject, and says exactly what, in the completion record.
 *
 * A Verity account may belong to several organizations, and each of them controls it as much as this one.
 * So the account itself (name, email, password, second factor, sessions, recovery codes, sign-in tokens and
 * mail to the address) is anonymized or deleted only when the person is a member here and no other
 * organization has them (no other membership, no pending invitation elsewhere); an organization the person
 * never joined controls no account, so it can never reach one. Otherwise this organization erases only its
 * own part: its membership, the keys they created here (revoked, last-used address cleared) and its
 * invitations to them (and, for someone with no account, the mail those invitations sent).
 */
export async function eraseSubject(tx: Tx, ctx: OrgContext, subject: Subject): Promise<TCompletionRecord> {
  const orgId = ctx.org.id;
  const record: TCompletionRecord = { erased: [], kept: [], delivered: [] };
  const erased = (data: string, count: number) => count > 0 && record.erased.push({ data, count });
  const { user, email, membership } = subject;
  if (membership) {
    if (membership.role === "OWNER")
      throw new AppError(
        "conflict",
        "The subject is an owner of this organization: transfer ownership or change their role first.",
      );
    if (user && "userId" in ctx.principal && ctx.principal.userId === user.id)
      throw new AppError("conflict", "You cannot erase yourself; another owner or admin must complete this request.");
    await tx.membership.delete({ where: { id: membership.id, orgId } });
    await appendAuditEntry(tx, {
      ...auditedBy(ctx),
      action: "member.removed",
      target: { type: "user", id: user!.id, display: user!.email },
      metadata: { role: membership.role as "ADMIN" | "MEMBER" | "AUDITOR" },
    });
    erased("membership in this organization", 1);
  }
  if (user) {
    erased(
      "API keys they created here (revoked)",
      await revokeKeysOfDeparted(tx, ctx, { userId: user.id, reason: "creator_removed" }),
    );
    const cleared = await tx.apiKey.updateMany({
      where: { orgId, createdById: user.id, lastUsedIp: { not: null } },
      data: { lastUsedIp: null },
    });
    erased("last-used IP address of their API keys", cleared.count);
    // Every address their keys were used from (kept for the new-address alert): the person's data too.
    const addresses = await tx.apiKeyAddress.deleteMany({ where: { key: { orgId, createdById: user.id } } });
    erased("addresses their API keys were used from", addresses.count);
    const shares = await tx.secretShare.deleteMany({ where: { orgId, userId: user.id } });
    erased("secrets shared with them", shares.count);
  }
  let invited = 0;
  if (email) {
    const invitations = await tx.invitation.deleteMany({
      where: { orgId, email: { equals: email, mode: "insensitive" } },
    });
    erased("invitations to their address", invitations.count);
    invited = invitations.count;
  }
  const accountKept =
    "account profile (name, email), sessions, recovery codes, sign-in tokens and mail to their address";
  if (subject.otherOrgs > 0) {
    record.kept.push({
      data: accountKept,
      why:
        `Kept: the account also belongs to ${subject.otherOrgs} other organization(s), which control it too; ` +
        "only this organization's own data about the person was erased.",
    });
  } else if (user && !membership) {
    record.kept.push({
      data: accountKept,
      why: "Kept: they are not a member of this organization, which therefore does not control their account.",
    });
  } else if (user || invited > 0) {
    if (user) await eraseAccount(tx, user, erased);
    if (email)
      erased(
        "mail to their address",
        (await tx.mailMessage.deleteMany({ where: { to: { equals: email, mode: "insensitive" } } })).count,
      );
  }
  record.kept.push({ data: "audit trail entries where they are the actor or the target", why: AUDIT_TRAIL_KEPT });
  if (user)
    record.kept.push({
      data: "their email as who created, changed, revealed or deleted a secret here",
      why: "Kept: the organization's record of who handled its credentials, like the audit trail (Art. 17(3)(b), (e)).",
    });
  record.kept.push({ data: "this request", why: REQUEST_KEPT });
  return record;
}

/** Anonymizes the account (it can never sign in again) and deletes everything that lets it act. */
async function eraseAccount(tx: Tx, user: { id: string }, erased: (data: string, count: number) => unknown) {
  const userId = user.id;
  erased("sessions", (await tx.session.deleteMany({ where: { userId } })).count);
  erased("recovery codes", (await tx.recoveryCode.deleteMany({ where: { userId } })).count);
  erased("sign-in challenges", (await tx.signInChallenge.deleteMany({ where: { userId } })).count);
  erased("password-reset tokens", (await tx.passwordReset.deleteMany({ where: { userId } })).count);
  erased("email-confirmation tokens", (await tx.emailVerification.deleteMany({ where: { userId } })).count);
  erased("email-change tokens", (await tx.emailChange.deleteMany({ where: { userId } })).count);
  await tx.user.update({
    where: { id: userId },
    data: {
      name: "Erased person",
      // Unique and undeliverable (RFC 2606 .invalid), so the address can sign up afresh as a new person.
      email: `erased-${userId}@erased.invalid`,
      // Not an argon2 hash: no password can ever match it.
      passwordHash: `erased:${randomBytes(16).toString("hex")}`,
      emailVerifiedAt: null,
      totpSecret: null,
      totpPendingSecret: null,
      totpEnabledAt: null,
      totpLastStep: null,
    },
  });
  erased("account profile: name, email, password, second factor (anonymized)", 1);
}
