import "server-only";
import type { OrgContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { createSecret } from "./create-secret";
import { updateSecret } from "./update-secret";

/** PUT /secrets/{name}: a new secret, or a new version of the live one of that name (a deleted one is a 409). */
export async function putSecret(
  tx: Tx,
  ctx: OrgContext,
  { name, value, description }: { name: string; value: string; description?: string },
) {
  const live = await tx.secret.findFirst({ where: { orgId: ctx.org.id, name, deletedAt: null }, select: { id: true } });
  if (live) return updateSecret(tx, ctx, { secretId: live.id, value, description });
  return createSecret(tx, ctx, { name, value, description: description ?? "" });
}
