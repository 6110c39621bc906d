import "server-only";
import { actorOf, type OrgContext, type Target } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/http/app-error";

export const withShares = { shares: true } as const;
export type SecretWithShares = Prisma.SecretGetPayload<{ include: typeof withShares }>;

export const secretTarget = (secret: { id: string; name: string }): Target => ({
  type: "secret",
  id: secret.id,
  display: secret.name,
});

/** Who did it, as the secrets screen shows it: a person's address, or a key and the person it acts for. */
export const displayOf = (ctx: OrgContext): string => actorOf(ctx.principal).display ?? "unknown";

/** Owners manage every secret; an API key with secrets.read reads every one. */
export const seesEverySecret = (ctx: OrgContext) =>
  ctx.permissions.includes("secrets.manage") || ctx.permissions.includes("secrets.read");

/** A share names the caller, or the caller's role. */
export const isSharedWith = (ctx: OrgContext, secret: SecretWithShares) =>
  secret.shares.some((share) => share.userId === ctx.principal.userId || share.role === ctx.role);

type SecretRef = { id: string } | { name: string };

/**
 * A live (or, with `deleted`, a deleted) secret of this organization that the caller may see. Another
 * organization's id answers like an unknown one and is recorded as a cross-tenant probe (BOLA); a secret of this
 * organization not shared with the caller answers the same 404, so names cannot be enumerated.
 */
export async function findSecret(
  tx: Tx,
  ctx: OrgContext,
  ref: SecretRef,
  { deleted = false }: { deleted?: boolean } = {},
): Promise<SecretWithShares> {
  const secret = await tx.secret.findFirst({
    where: { ...ref, orgId: ctx.org.id, deletedAt: deleted ? { not: null } : null },
    include: withShares,
  });
  if (secret && (seesEverySecret(ctx) || (!deleted && isSharedWith(ctx, secret)))) return secret;
  const elsewhere =
    !secret && "id" in ref
      ? await tx.secret.findFirst({ where: { id: ref.id, orgId: { not: ctx.org.id } }, select: { orgId: true } })
      : null;
  const denial = elsewhere
    ? { permission: "secrets.manage", reason: "foreign_secret", crossTenant: true, targetOrgId: elsewhere.orgId }
    : secret
      ? { permission: "secrets.manage", reason: "secret_not_shared" }
      : undefined;
  throw new AppError("not_found", "No such secret in this organization.", undefined, denial);
}

/** Only owners (secrets.manage) change a secret or its shares; the guard checks it too, this says why. */
export function assertManages(ctx: OrgContext) {
  if (!ctx.permissions.includes("secrets.manage"))
    throw new AppError("forbidden", "Only owners manage secrets.", undefined, {
      permission: "secrets.manage",
      reason: "not_owner",
    });
}
