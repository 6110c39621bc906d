import "server-only";
import type { OrgContext } from "@/lib/context";
import type { Db, Tx } from "@/lib/db/client";
import type { DataSubjectRequest } from "@/lib/db/generated/client";
import { AppError } from "@/lib/http/app-error";

/** A request of this organization; another organization's id answers like an unknown one, and is recorded (BOLA). */
export async function findDataSubjectRequest(
  db: Db | Tx,
  ctx: Pick<OrgContext, "org">,
  requestId: string,
): Promise<DataSubjectRequest> {
  const request = await db.dataSubjectRequest.findFirst({ where: { id: requestId, orgId: ctx.org.id } });
  if (request) return request;
  const elsewhere = await db.dataSubjectRequest.findFirst({
    where: { id: requestId, orgId: { not: ctx.org.id } },
    select: { orgId: true },
  });
  throw new AppError(
    "not_found",
    "No such data-subject request in this organization.",
    undefined,
    elsewhere
      ? {
          permission: "privacy_requests.manage",
          reason: "foreign_data_subject_request",
          crossTenant: true,
          targetOrgId: elsewhere.orgId,
        }
      : undefined,
  );
}

/** The request, still open: an answered request cannot be answered again. */
export async function findOpenDataSubjectRequest(db: Db | Tx, ctx: Pick<OrgContext, "org">, requestId: string) {
  const request = await findDataSubjectRequest(db, ctx, requestId);
  if (request.status !== "received")
    throw new AppError("conflict", `This ${request.type} request was already ${request.status}.`);
  return request;
}
