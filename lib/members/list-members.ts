import "server-only";
import { z } from "zod";
import { Prisma } from "@/lib/db/generated/client";
import { type Db, type Tx } from "@/lib/db/client";
import { unstorableTextReason } from "@/lib/http/storable-input";
import { ROLES } from "@/lib/rbac/permissions";
import { MEMBER_SORTS, ZMemberRow, type TMemberRow, type TMembersQuery } from "./member-view";

export { MEMBER_SORTS, ZMemberRow, type TMemberRow, type TMembersQuery };

/**
 * The members table's query, as it travels in the URL: a shared view is a link. The page parses it
 * outside the guard, so a search it cannot run (too long, a NUL) falls back to none, like the rest.
 */
export const ZMembersQuery = z.object({
  q: z
    .string()
    .trim()
    .max(100)
    .refine((q) => unstorableTextReason(q) === null)
    .default("")
    .catch(""),
  role: z.enum(ROLES).optional().catch(undefined),
  sort: z.enum(MEMBER_SORTS).default("name").catch("name"),
  dir: z.enum(["asc", "desc"]).default("asc").catch("asc"),
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
  pageSize: z.coerce.number().int().min(5).max(100).default(20).catch(20),
});

// Whitelisted ORDER BY fragments: the client names a sort, never a column.
const ORDER: Record<(typeof MEMBER_SORTS)[number], Prisma.Sql> = {
  name: Prisma.sql`lower(u.name)`,
  email: Prisma.sql`u.email`,
  role: Prisma.sql`m.role`,
  lastActive: Prisma.sql`last_active`,
};

/** One page of the organization's members, filtered and sorted in the database. */
export async function listMembers(client: Db | Tx, { orgId, query }: { orgId: string; query: TMembersQuery }) {
  const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const direction = query.dir === "desc" ? Prisma.sql`DESC NULLS LAST` : Prisma.sql`ASC NULLS FIRST`;
  const rows = await client.$queryRaw<
    {
      user_id: string;
      name: string;
      email: string;
      role: TMemberRow["role"];
      mfa: boolean;
      last_active: Date | null;
      total: number;
    }[]
  >`
    SELECT u.id::text AS user_id, u.name, u.email, m.role::text AS role, u.totp_enabled_at IS NOT NULL AS mfa,
           (SELECT max(s.last_seen_at) FROM sessions s WHERE s.user_id = u.id) AS last_active,
           count(*) OVER ()::int AS total
      FROM memberships m JOIN users u ON u.id = m.user_id
     WHERE m.org_id = ${orgId}::uuid
       AND (${query.q} = '' OR u.name ILIKE ${pattern} OR u.email ILIKE ${pattern})
       AND (${query.role ?? null}::text IS NULL OR m.role::text = ${query.role ?? null}::text)
     ORDER BY ${ORDER[query.sort]} ${direction}, u.id
     LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`;
  return {
    total: rows[0]?.total ?? (await countMembers(client, orgId, query)),
    rows: rows.map((row) =>
      ZMemberRow.parse({
        userId: row.user_id,
        name: row.name,
        email: row.email,
        role: row.role,
        mfaEnabled: row.mfa,
        lastActiveAt: row.last_active,
      }),
    ),
  };
}

/** A page past the end has no rows to carry the total: count separately. */
async function countMembers(client: Db | Tx, orgId: string, query: TMembersQuery): Promise<number> {
  if (query.page === 1) return 0;
  return client.membership.count({
    where: {
      orgId,
      ...(query.role ? { role: query.role } : {}),
      ...(query.q
        ? {
            user: {
              OR: [
                { name: { contains: query.q, mode: "insensitive" } },
                { email: { contains: query.q, mode: "insensitive" } },
              ],
            },
          }
        : {}),
    },
  });
}
