import "server-only";
import type { Db, Tx } from "@/lib/db/client";

/** Seats in use: every member of the organization holds one. */
export async function memberCount(client: Tx | Db, orgId: string): Promise<number> {
  return client.membership.count({ where: { orgId } });
}
