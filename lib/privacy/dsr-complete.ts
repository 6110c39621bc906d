import "server-only";
import type { z } from "zod";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { actorOf, auditedBy, type OrgContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { buildAccessPackage, packageCounts } from "./access-package";
import { findOpenDataSubjectRequest } from "./dsr-find";
import { ZCompleteDsr, type TCompletionRecord, type TDsrView } from "./dsr-schemas";
import { dsrMetadata, dsrTarget, dsrView } from "./dsr-view";
import { AUDIT_TRAIL_KEPT, eraseSubject } from "./erase-subject";
import { findSubject } from "./find-subject";
import { lockLegalHolds } from "@/lib/lifecycle/legal-holds-covering";
import { holdsCoveringRequestSubject } from "./holds-covering-request";

/**
 * Completes an open request. An erasure erases what the organization controls about the subject, and is
 * refused (409, naming each hold) while an active legal hold covers them: nothing is erased in part, and the
 * request stays open, shown on the holds screen as held back, until the hold is released. An access request
 * records what its package holds (the package itself is downloaded from the request). Either way the
 * completion record is stored and written in the dsr.completed entry, in the same transaction.
 */
export async function completeDataSubjectRequest(
  tx: Tx,
  ctx: OrgContext,
  rawInput: z.input<typeof ZCompleteDsr>,
): Promise<TDsrView> {
  const input = ZCompleteDsr.parse(rawInput);
  await lockLegalHolds(tx, ctx.org.id);
  const request = await findOpenDataSubjectRequest(tx, ctx, input.requestId);
  let record: TCompletionRecord;
  if (request.type === "erasure") {
    const subject = await findSubject(tx, ctx.org.id, request.subject);
    const holds = await holdsCoveringRequestSubject(tx, ctx.org.id, subject);
    if (holds.length > 0) {
      const named = holds.map((hold) => `"${hold.name}" (${hold.matter})`).join(", ");
      throw new AppError(
        "conflict",
        `Not erased: ${holds.length === 1 ? "the legal hold" : "the legal holds"} ${named} ` +
          `${holds.length === 1 ? "covers" : "cover"} ${request.subject}. Release it first, or reject the request ` +
          "with that reason (GDPR Art. 17(3)(e)).",
      );
    }
    record = await eraseSubject(tx, ctx, subject);
  } else {
    const pkg = await buildAccessPackage(tx, ctx, request);
    record = {
      erased: [],
      delivered: packageCounts(pkg),
      kept: [{ data: "everything listed", why: "An access request copies the data; it changes nothing." }],
    };
    if (pkg.auditTrail.archivedThrough > 0 && !pkg.auditTrail.archiveRead)
      record.kept.push({ data: `archived audit entries 1..${pkg.auditTrail.archivedThrough}`, why: AUDIT_TRAIL_KEPT });
  }
  if (input.note) record.note = input.note;
  const actor = actorOf(ctx.principal);
  const { count } = await tx.dataSubjectRequest.updateMany({
    where: { id: request.id, orgId: ctx.org.id, status: "received" },
    data: {
      status: "completed",
      resolvedAt: new Date(),
      resolvedById: actor.id ?? "",
      resolvedByDisplay: actor.display ?? "",
      reason: input.note ?? null,
      completionRecord: record,
    },
  });
  if (count === 0) throw new AppError("conflict", "This request was answered meanwhile.");
  await appendAuditEntry(tx, {
    ...auditedBy(ctx),
    action: "dsr.completed",
    target: dsrTarget(request),
    metadata: { ...dsrMetadata(request), record },
  });
  return dsrView(await tx.dataSubjectRequest.findUniqueOrThrow({ where: { id: request.id } }));
}
