import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { auditedBy, type OrgContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { assertManages, displayOf, secretTarget } from "./secret-records";
import { contentOf, ZCreateSecret } from "./secret-schemas";
import { addSecretVersion } from "./secret-versions";

/** A new secret at version 1. A name taken by a live or a deleted secret (restorable) is a 409. */
export async function createSecret(tx: Tx, ctx: OrgContext, raw: z.input<typeof ZCreateSecret>, now = new Date()) {
  assertManages(ctx);
  const input = ZCreateSecret.parse(raw);
  const taken = await tx.secret.findFirst({
    where: { orgId: ctx.org.id, name: input.name },
    select: { deletedAt: true },
  });
  if (taken) {
    const message = taken.deletedAt
      ? `A deleted secret is named "${input.name}": restore it, or wait until it is destroyed.`
      : `A secret named "${input.name}" exists: update it to add a version.`;
    throw new AppError("conflict", message, { name: [message] });
  }
  const id = randomUUID();
  const by = displayOf(ctx);
  const secret = await tx.secret.create({
    data: {
      id,
      orgId: ctx.org.id,
      name: input.name,
      description: input.description,
      currentVersion: 1,
      createdAt: now,
      createdById: ctx.principal.userId,
      createdByDisplay: by,
      updatedAt: now,
      updatedByDisplay: by,
    },
  });
  await addSecretVersion(tx, ctx, { secretId: id, version: 1, content: contentOf(input), now });
  await appendAuditEntry(tx, {
    ...auditedBy(ctx),
    action: "secret.created",
    target: secretTarget(secret),
    metadata: { name: secret.name, version: 1 },
  });
  return secret;
}
