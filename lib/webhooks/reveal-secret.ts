import "server-only";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { auditedBy, type OrgContext } from "@/lib/context";
import { requireRecentStepUp } from "@/lib/auth/step-up";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { endpointTarget } from "./endpoint-view";
import { findEndpoint } from "./find-endpoint";
import { openSigningSecret } from "./sealed-signing-secret";

/** The current signing secret, for an admin who has just re-authenticated (a recent step-up). Audited. */
export async function revealSecret(tx: Tx, ctx: OrgContext, endpointId: string) {
  const endpoint = await findEndpoint(tx, ctx, endpointId);
  await requireRecentStepUp(tx, ctx.principal);
  const current = await tx.webhookSecret.findFirst({
    where: { endpointId: endpoint.id, expiresAt: null },
    orderBy: { createdAt: "desc" },
  });
  if (!current) throw new AppError("conflict", "This endpoint has no current secret: rotate it to get one.");
  await appendAuditEntry(tx, {
    ...auditedBy(ctx),
    action: "webhook.secret_revealed",
    target: endpointTarget(endpoint),
    metadata: {},
  });
  const place = { orgId: ctx.org.id, endpointId: endpoint.id, secretId: current.id };
  return { secret: await openSigningSecret(tx, place, current.sealed) };
}
