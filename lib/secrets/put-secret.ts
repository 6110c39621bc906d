import "server-only";
import type { OrgContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { createSecret } from "./create-secret";
import type { TSecretContent } from "./secret-schemas";
import { updateSecret } from "./update-secret";

/** PUT /secrets/{name}: a new secret, or a new version of the live one of that name (a deleted one is a 409). */
export async function putSecret(
  tx: Tx,
  ctx: OrgContext,
  { name, description, ...content }: { name: string; description?: string } & TSecretContent,
) {
  const live = await tx.secret.findFirst({ where: { orgId: ctx.org.id, name, deletedAt: null }, select: { id: true } });
  if (live) return updateSecret(tx, ctx, { secretId: live.id, ...content, description });
  return createSecret(tx, ctx, { name, ...content, description: description ?? "" });
}
