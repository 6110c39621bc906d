import "server-only";
import type { z } from "zod";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { auditedBy, type OrgContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { assertManages, displayOf, findSecret, secretTarget } from "./secret-records";
import { contentOf, ZUpdateSecret } from "./secret-schemas";
import { addSecretVersion } from "./secret-versions";

/** A new version of the value (the earlier ones stay, revealable by owners); optionally a new description. */
export async function updateSecret(tx: Tx, ctx: OrgContext, raw: z.input<typeof ZUpdateSecret>, now = new Date()) {
  assertManages(ctx);
  const input = ZUpdateSecret.parse(raw);
  const found = await findSecret(tx, ctx, { id: input.secretId });
  // Locks the row: two updates at once get versions n+1 and n+2, never the same number.
  const [{ current_version: current }] = await tx.$queryRaw<{ current_version: number }[]>`
    SELECT current_version FROM secrets WHERE id = ${found.id}::uuid AND org_id = ${ctx.org.id}::uuid FOR UPDATE`;
  const version = current + 1;
  await addSecretVersion(tx, ctx, { secretId: found.id, version, content: contentOf(input), now });
  const secret = await tx.secret.update({
    where: { id: found.id },
    data: {
      currentVersion: version,
      updatedAt: now,
      updatedByDisplay: displayOf(ctx),
      ...(input.description === undefined ? {} : { description: input.description }),
    },
  });
  await appendAuditEntry(tx, {
    ...auditedBy(ctx),
    action: "secret.updated",
    target: secretTarget(secret),
    metadata: { name: secret.name, version },
  });
  return secret;
}
