import "server-only";
import type { OrgContext } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import type { Permission } from "@/lib/rbac/permissions";
import { withCreator, type KeyRow } from "./api-key-view";

/**
 * A key of this organization that the caller may manage: their own with api_keys.create, anyone's with
 * api_keys.manage_all. Another organization's key id answers like an unknown one, and is recorded.
 */
export async function findManageableKey(
  tx: Tx,
  ctx: OrgContext,
  keyId: string,
  permission: Permission,
): Promise<KeyRow> {
  const key = await tx.apiKey.findFirst({ where: { id: keyId, orgId: ctx.org.id }, include: withCreator });
  const notFound = new AppError("not_found", "No such API key in this organization.");
  if (!key) {
    const elsewhere = await tx.apiKey.findFirst({
      where: { id: keyId, orgId: { not: ctx.org.id } },
      select: { orgId: true },
    });
    if (!elsewhere) throw notFound;
    throw new AppError("not_found", notFound.message, undefined, {
      permission,
      reason: "foreign_api_key",
      crossTenant: true,
      targetOrgId: elsewhere.orgId,
    });
  }
  if (key.createdById !== ctx.principal.userId && !ctx.permissions.includes("api_keys.manage_all")) {
    // Someone else's key, seen only by those who may manage every key: a plain 404, recorded as a denial.
    throw new AppError("not_found", notFound.message, undefined, {
      permission: "api_keys.manage_all",
      reason: "not_own_api_key",
    });
  }
  return key;
}
