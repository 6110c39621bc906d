import "server-only";
import type { OrgContext } from "@/lib/context";
import type { Db, Tx } from "@/lib/db/client";
import { isSharedWith, seesEverySecret } from "./secret-records";
import { SECRET_RESTORE_DAYS, type TSecretView } from "./secret-schemas";

const DAY_MS = 24 * 60 * 60 * 1000;
const roleLabel = (role: string) => `Every ${role.toLowerCase()}`;

/**
 * The secrets the caller may see, by name: owners (and keys with secrets.read) all of them, deleted ones too when
 * asked; everyone else only those shared with them or their role. Metadata only: a value never leaves here.
 */
export async function listSecrets(
  db: Db | Tx,
  ctx: OrgContext,
  { deleted = false, name }: { deleted?: boolean; name?: string } = {},
): Promise<TSecretView[]> {
  const rows = await db.secret.findMany({
    where: { orgId: ctx.org.id, deletedAt: deleted ? { not: null } : null, ...(name === undefined ? {} : { name }) },
    include: {
      shares: { orderBy: { createdAt: "asc" } },
      versions: {
        select: {
          version: true,
          createdAt: true,
          createdByDisplay: true,
          fileName: true,
          fileContentType: true,
          fileSize: true,
        },
        orderBy: { version: "desc" },
      },
    },
    orderBy: { name: "asc" },
  });
  const visible = seesEverySecret(ctx) ? rows : deleted ? [] : rows.filter((row) => isSharedWith(ctx, row));
  const userIds = [...new Set(visible.flatMap((row) => row.shares.flatMap((share) => share.userId ?? [])))];
  const users = await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } });
  const emails = new Map(users.map((user) => [user.id, user.email]));
  const owner = seesEverySecret(ctx);
  const apiReads = await lastApiReads(
    db,
    ctx.org.id,
    visible.map((row) => row.id),
  );
  return visible.map((row) => ({
    ...lastReveal(row, apiReads.get(row.id)),
    id: row.id,
    name: row.name,
    description: row.description,
    currentVersion: row.currentVersion,
    // Earlier versions are the owners' business; a member sees the one they may reveal.
    versions: row.versions
      .filter((version) => owner || version.version === row.currentVersion)
      .map((version) => ({
        version: version.version,
        createdAt: version.createdAt.toISOString(),
        createdBy: version.createdByDisplay,
        file:
          version.fileName === null
            ? null
            : { name: version.fileName, contentType: version.fileContentType ?? "", size: version.fileSize ?? 0 },
      })),
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdByDisplay,
    updatedAt: row.updatedAt.toISOString(),
    updatedBy: row.updatedByDisplay,
    deletedAt: row.deletedAt?.toISOString() ?? null,
    destroyAfter: row.deletedAt ? new Date(row.deletedAt.getTime() + SECRET_RESTORE_DAYS * DAY_MS).toISOString() : null,
    shares: owner
      ? row.shares.map((share) => ({
          id: share.id,
          kind: share.userId ? ("user" as const) : ("role" as const),
          userId: share.userId,
          display: share.userId ? (emails.get(share.userId) ?? "a former member") : roleLabel(share.role!),
        }))
      : [],
  }));
}

type Reveal = { at: Date; by: string | null };

/** The latest secret.accessed entry of each secret: API reads do not write the row, the trail has them. */
async function lastApiReads(db: Db | Tx, orgId: string, secretIds: string[]): Promise<Map<string, Reveal>> {
  if (secretIds.length === 0) return new Map();
  const rows = await db.$queryRaw<{ targetId: string; by: string | null; at: Date }[]>`
    SELECT DISTINCT ON (target_id) target_id AS "targetId", actor_display AS by, occurred_at AS at
    FROM audit_entries
    WHERE org_id = ${orgId}::uuid AND target_id = ANY(${secretIds}::text[]) AND action = 'secret.accessed'
    ORDER BY target_id, seq DESC`;
  return new Map(rows.map((row) => [row.targetId, { at: row.at, by: row.by }]));
}

/** The later of a person's last reveal (on the row) and the last API read. */
function lastReveal(row: { lastRevealedAt: Date | null; lastRevealedBy: string | null }, apiRead: Reveal | undefined) {
  const latest =
    apiRead && (!row.lastRevealedAt || apiRead.at > row.lastRevealedAt)
      ? apiRead
      : row.lastRevealedAt
        ? { at: row.lastRevealedAt, by: row.lastRevealedBy }
        : null;
  return { lastRevealedAt: latest?.at.toISOString() ?? null, lastRevealedBy: latest?.by ?? null };
}
