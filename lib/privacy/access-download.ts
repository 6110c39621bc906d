import "server-only";
import { z } from "zod";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { auditedBy, type OrgContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { openArchivedTrailReader } from "@/lib/lifecycle/archive/archived-trail-reader";
import { buildAccessPackage } from "./access-package";
import { accessSummaryMarkdown } from "./access-summary";
import { findDataSubjectRequest } from "./dsr-find";

export const ZAccessDownload = z
  .object({
    format: z.enum(["json", "md"], { error: "format is json (the full package) or md (the summary)." }).default("json"),
  })
  .strict();

/**
 * An access request's package as a file: the full JSON (verifiable entries) or its readable Markdown summary.
 * Every download is recorded (privacy.data_exported, with the subject's identifier) in the same transaction,
 * before a byte leaves. A rejected request, or an erasure, has no package.
 */
export async function downloadAccessPackage(
  tx: Tx,
  ctx: OrgContext,
  { requestId, format }: { requestId: string; format: "json" | "md" },
): Promise<Response> {
  const request = await findDataSubjectRequest(tx, ctx, requestId);
  if (request.type !== "access") throw new AppError("conflict", "Only an access request has a package to download.");
  if (request.status === "rejected")
    throw new AppError("conflict", "This access request was rejected: it has no package.");
  const pkg = await buildAccessPackage(tx, ctx, request, { archive: await openArchivedTrailReader() });
  await appendAuditEntry(tx, {
    ...auditedBy(ctx),
    action: "privacy.data_exported",
    target: { type: "data_subject_request", id: request.id, display: "access request" },
    metadata: { subject: request.subject, format, entries: pkg.auditTrail.entries.length },
  });
  const body = format === "json" ? `${JSON.stringify(pkg, null, 2)}\n` : accessSummaryMarkdown(pkg);
  const name = `${ctx.org.slug}-access-${request.id.slice(0, 8)}.${format}`;
  return new Response(body, {
    headers: {
      "content-type": format === "json" ? "application/json" : "text/markdown; charset=utf-8",
      "content-disposition": `attachment; filename="${name}"`,
      "cache-control": "no-store",
    },
  });
}
