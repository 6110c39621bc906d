import "server-only";
import type { Db } from "@/lib/db/client";

/**
 * The name of an organization the person belonged to and no longer does (removed, or left), so its
 * page can say "You no longer have access to …" instead of a bare 404. Anyone who never belonged to
 * it gets null: the answer names nothing they did not already know (no enumeration of organizations).
 */
export async function formerOrgName(
  db: Db,
  { userId, slug }: { userId: string; slug: string },
): Promise<string | null> {
  const org = await db.organization.findFirst({
    where: { slug, deletedAt: null, memberships: { none: { userId } } },
    select: { id: true, name: true },
  });
  if (!org) return null;
  // orgId first, then the target: served by the (orgId, targetId, seq) index.
  const departure = await db.auditEntry.findFirst({
    where: { orgId: org.id, targetId: userId, targetType: "user", action: { in: ["member.removed", "member.left"] } },
    select: { seq: true },
  });
  return departure ? org.name : null;
}
