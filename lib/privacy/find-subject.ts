import "server-only";
import type { Db, Tx } from "@/lib/db/client";

export type Subject = {
  /** The identifier the request names. */
  named: string;
  /** The Verity account it names, if any (by email, case-insensitive, or by id). */
  user: { id: string; email: string; name: string } | null;
  /** The email address the person is known by here (the account's, or the one the request names). */
  email: string | null;
  /** Their membership in this organization, if any. */
  membership: { id: string; role: string } | null;
  /** Other organizations that have them (a membership, or a pending invitation to their address). */
  otherOrgs: number;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Who a request's subject is, as far as this organization and Verity know them. */
export async function findSubject(db: Db | Tx, orgId: string, named: string): Promise<Subject> {
  const select = { id: true, email: true, name: true } as const;
  const user = named.includes("@")
    ? await db.user.findFirst({ where: { email: { equals: named, mode: "insensitive" } }, select })
    : UUID.test(named)
      ? await db.user.findUnique({ where: { id: named }, select })
      : null;
  const email = user?.email ?? (named.includes("@") ? named : null);
  const membership = user
    ? await db.membership.findFirst({ where: { orgId, userId: user.id }, select: { id: true, role: true } })
    : null;
  const elsewhere = new Set<string>();
  if (user) {
    const rows = await db.membership.findMany({
      where: { userId: user.id, orgId: { not: orgId } },
      select: { orgId: true },
    });
    rows.forEach((row) => elsewhere.add(row.orgId));
  }
  if (email) {
    const rows = await db.invitation.findMany({
      where: {
        email: { equals: email, mode: "insensitive" },
        orgId: { not: orgId },
        acceptedAt: null,
        revokedAt: null,
        expiresAt: { gt: new Date() },
      },
      select: { orgId: true },
    });
    rows.forEach((row) => elsewhere.add(row.orgId));
  }
  return { named, user, email, membership, otherOrgs: elsewhere.size };
}
