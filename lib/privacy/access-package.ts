import "server-only";
import type { ArchivedTrailReader } from "@/lib/audit/export/archived-trail-reader";
import type { OrgContext } from "@/lib/context";
import type { Db, Tx } from "@/lib/db/client";
import type { DataSubjectRequest } from "@/lib/db/generated/client";
import { findSubject } from "./find-subject";
import { subjectEntries, type SubjectEntries } from "./subject-entries";

export const ACCESS_PACKAGE_TYPE = "verity.subject-access";

/** Everything Verity holds about a request's subject in one organization (the access package's JSON). */
export type AccessPackage = Awaited<ReturnType<typeof buildAccessPackage>>;

const iso = (date: Date | null | undefined) => date?.toISOString() ?? null;

/**
 * The subject's data in this organization: their profile, membership, sessions, the API keys they created
 * here, the invitations to their address, and the audit entries where they act or are acted on, each with
 * its hashes and an inclusion proof in a signed checkpoint (README, "Hash chain" and "Proofs", verifies them).
 * Secrets never leave: password and second-factor seeds are said to exist, never shown; keys by prefix only.
 */
export async function buildAccessPackage(
  db: Db | Tx,
  ctx: Pick<OrgContext, "org">,
  request: DataSubjectRequest,
  /** The archive, for the subject's archived entries; without it the package names the archived range. */
  { archive }: { archive?: ArchivedTrailReader } = {},
) {
  const orgId = ctx.org.id;
  const subject = await findSubject(db, orgId, request.subject);
  const userId = subject.user?.id;
  const membership = userId
    ? await db.membership.findFirst({ where: { orgId, userId }, select: { role: true, createdAt: true } })
    : null;
  // The account and its sessions only for a member: an organization controls no one else's account, and an
  // access request naming a stranger must not read another tenant's user (their profile, where they sign in from).
  const member = membership ? userId : undefined;
  const account = member
    ? await db.user.findUniqueOrThrow({
        where: { id: member },
        select: { id: true, email: true, name: true, createdAt: true, emailVerifiedAt: true, totpEnabledAt: true },
      })
    : null;
  const sessions = member
    ? await db.session.findMany({ where: { userId: member }, orderBy: { createdAt: "asc" } })
    : [];
  const keys = userId
    ? await db.apiKey.findMany({
        where: { orgId, createdById: userId },
        orderBy: { createdAt: "asc" },
        include: { addresses: { select: { ip: true, firstSeenAt: true }, orderBy: { firstSeenAt: "asc" } } },
      })
    : [];
  const invitations = subject.email
    ? await db.invitation.findMany({
        where: { orgId, email: { equals: subject.email, mode: "insensitive" } },
        orderBy: { createdAt: "asc" },
      })
    : [];
  const trail: SubjectEntries = await subjectEntries(
    db,
    orgId,
    subject,
    keys.map((key) => key.id),
    archive ? { archive } : {},
  );
  return {
    type: ACCESS_PACKAGE_TYPE,
    version: 1,
    organization: { id: ctx.org.id, slug: ctx.org.slug, name: ctx.org.name },
    request: { id: request.id, subject: request.subject, regime: request.regime, receivedAt: iso(request.receivedAt) },
    generatedAt: new Date().toISOString(),
    profile: account && {
      id: account.id,
      email: account.email,
      name: account.name,
      createdAt: iso(account.createdAt),
      emailVerifiedAt: iso(account.emailVerifiedAt),
      secondFactorEnabledAt: iso(account.totpEnabledAt),
    },
    memberships: membership
      ? [{ organization: ctx.org.slug, role: membership.role, since: iso(membership.createdAt) }]
      : [],
    sessions: sessions.map((session) => ({
      createdAt: iso(session.createdAt),
      lastSeenAt: iso(session.lastSeenAt),
      revokedAt: iso(session.revokedAt),
      ip: session.ip,
      userAgent: session.userAgent,
      geo: session.geo,
    })),
    apiKeys: keys.map((key) => ({
      name: key.name,
      prefix: key.prefix,
      last4: key.last4,
      environment: key.environment,
      scopes: key.scopes,
      createdAt: iso(key.createdAt),
      revokedAt: iso(key.revokedAt),
      lastUsedAt: iso(key.lastUsedAt),
      lastUsedIp: key.lastUsedIp,
      usedFrom: key.addresses.map((address) => ({ ip: address.ip, firstSeenAt: iso(address.firstSeenAt) })),
    })),
    invitations: invitations.map((invitation) => ({
      email: invitation.email,
      role: invitation.role,
      sentAt: iso(invitation.createdAt),
      expiresAt: iso(invitation.expiresAt),
      acceptedAt: iso(invitation.acceptedAt),
      revokedAt: iso(invitation.revokedAt),
    })),
    auditTrail: trail,
  };
}

/** What a package holds, by kind and count: an access request's completion record. */
export function packageCounts(pkg: AccessPackage) {
  return [
    { data: "profile", count: pkg.profile ? 1 : 0 },
    { data: "memberships", count: pkg.memberships.length },
    { data: "sessions", count: pkg.sessions.length },
    { data: "API keys they created", count: pkg.apiKeys.length },
    { data: "invitations", count: pkg.invitations.length },
    { data: "audit entries where they are actor or target", count: pkg.auditTrail.entries.length },
  ];
}
