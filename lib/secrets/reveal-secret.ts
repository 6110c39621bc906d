import "server-only";
import type { z } from "zod";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { requireRecentStepUp } from "@/lib/auth/step-up";
import { auditedBy, type OrgContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { displayOf, findSecret, secretTarget } from "./secret-records";
import { ZRevealSecret, type TRevealedSecret } from "./secret-schemas";
import { openSecretVersion } from "./secret-versions";

/**
 * Opens a value for a person in the panel, after a recent step-up: owners any version, a member it is shared with
 * (by name or by role) the current one. Every reveal is on the record (secret.revealed) in the same transaction.
 */
export async function revealSecret(
  tx: Tx,
  ctx: OrgContext,
  raw: z.input<typeof ZRevealSecret>,
  now = new Date(),
): Promise<TRevealedSecret> {
  const input = ZRevealSecret.parse(raw);
  await requireRecentStepUp(tx, ctx.principal);
  const secret = await findSecret(tx, ctx, { id: input.secretId });
  const version = input.version ?? secret.currentVersion;
  if (version !== secret.currentVersion && !ctx.permissions.includes("secrets.manage")) {
    throw new AppError("forbidden", "Only owners can reveal an earlier version.", undefined, {
      permission: "secrets.manage",
      reason: "earlier_version",
    });
  }
  return openAndRecord(tx, ctx, secret, version, "secret.revealed", now);
}

/** Reads a value through the API (secrets.read, checked by the guard): recorded as secret.accessed by the key. */
export async function accessSecret(
  tx: Tx,
  ctx: OrgContext,
  { name, version }: { name: string; version?: number },
  now = new Date(),
): Promise<TRevealedSecret> {
  const secret = await findSecret(tx, ctx, { name });
  return openAndRecord(tx, ctx, secret, version ?? secret.currentVersion, "secret.accessed", now);
}

async function openAndRecord(
  tx: Tx,
  ctx: OrgContext,
  secret: { id: string; orgId: string; name: string },
  version: number,
  action: "secret.revealed" | "secret.accessed",
  now: Date,
): Promise<TRevealedSecret> {
  const value = await openSecretVersion(tx, secret, version);
  await tx.secret.update({ where: { id: secret.id }, data: { lastRevealedAt: now, lastRevealedBy: displayOf(ctx) } });
  await appendAuditEntry(tx, {
    ...auditedBy(ctx),
    action,
    target: secretTarget(secret),
    metadata: { name: secret.name, version },
  });
  return { name: secret.name, version, value };
}
