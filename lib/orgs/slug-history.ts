import "server-only";
import type { Db, Tx } from "@/lib/db/client";

/**
 * Remembers an address an organization gave up, so old links and bookmarks keep working; an
 * organization claiming an address takes it out of the history (the live address always wins).
 */
export async function recordSlugChange(tx: Tx, { orgId, from, to }: { orgId: string; from: string; to: string }) {
  await tx.orgSlugHistory.deleteMany({ where: { slug: to } });
  await tx.orgSlugHistory.upsert({
    where: { slug: from },
    create: { slug: from, orgId },
    update: { orgId, retiredAt: new Date() },
  });
}

/**
 * The current address of the organization that used to be at `slug`, for a member of it only: to
 * anyone else an old address answers like any unknown one (no disclosure of where an org moved).
 */
export async function movedOrgSlug(db: Db | Tx, { slug, userId }: { slug: string; userId: string }) {
  const row = await db.orgSlugHistory.findUnique({
    where: { slug },
    select: {
      org: { select: { slug: true, deletedAt: true, memberships: { where: { userId }, select: { role: true } } } },
    },
  });
  if (!row || row.org.deletedAt || row.org.memberships.length === 0 || row.org.slug === slug) return null;
  return row.org.slug;
}
