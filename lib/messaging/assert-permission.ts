import "server-only";
import type { OrgContext } from "@/lib/context";
import { AppError } from "@/lib/http/app-error";
import type { Permission } from "@/lib/rbac/permissions";

/** The guard checks the permission first; a service checks it again, so no other caller can skip it. */
export function assertPermission(ctx: OrgContext, permission: Permission, why: string) {
  if (!ctx.permissions.includes(permission))
    throw new AppError("forbidden", why, undefined, { permission, reason: "missing_permission" });
}
