import "server-only";
import type { Db, Tx } from "@/lib/db/client";
import type { UserOrg } from "./user-org-view";

export type { UserOrg };

/** The organizations a person belongs to, for the switcher; deleted ones are closed and left out. */
export async function listUserOrgs(client: Db | Tx, userId: string): Promise<UserOrg[]> {
  const memberships = await client.membership.findMany({
    where: { userId, org: { deletedAt: null } },
    select: { role: true, org: { select: { slug: true, name: true, brandColor: true } } },
    orderBy: { org: { name: "asc" } },
  });
  return memberships.map(({ role, org }) => ({ ...org, role }));
}
