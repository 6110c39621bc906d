import "server-only";
import type { Db, Tx } from "@/lib/db";
import type { RoleName } from "@/lib/rbac/permissions";

export type UserOrg = { slug: string; name: string; role: RoleName; brandColor: string | null };

/** The organizations a person belongs to, for the switcher; deleted ones are closed and left out. */
export async function listUserOrgs(client: Db | Tx, userId: string): Promise<UserOrg[]> {
  const memberships = await client.membership.findMany({
    where: { userId, org: { deletedAt: null } },
    select: { role: true, org: { select: { slug: true, name: true, brandColor: true } } },
    orderBy: { org: { name: "asc" } },
  });
  return memberships.map(({ role, org }) => ({ ...org, role }));
}
