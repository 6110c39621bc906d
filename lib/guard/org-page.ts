import "server-only";
import { notFound, redirect } from "next/navigation";
import type { OrgContext, Principal } from "@/lib/context";
import { AppError } from "@/lib/http/app-error";
import type { Permission } from "@/lib/rbac/permissions";
import { currentPrincipal } from "./current-principal";
import { currentRequest } from "./incoming-request";
import { resolveOrgAccess } from "./org-access";

/** The signed-in principal for a page, or a redirect to the sign-in page. */
export async function requirePrincipal(): Promise<Principal> {
  const principal = await currentPrincipal();
  if (!principal) redirect("/signin");
  return principal;
}

/**
 * The page adapter: the same pipeline as the route and action adapters, for server-rendered org
 * pages, its refusals mapped to what a page shows (sign-in, second-factor set-up, 404).
 */
export async function loadOrgPage(orgSlug: string, permission: Permission): Promise<OrgContext<Principal>> {
  const principal = await requirePrincipal();
  const { context } = await currentRequest();
  try {
    return await resolveOrgAccess(principal, orgSlug, permission, context);
  } catch (error) {
    if (error instanceof AppError && error.code === "mfa_required")
      redirect(`/account/two-factor?required=1&next=/${encodeURIComponent(orgSlug)}`);
    if (error instanceof AppError && (error.code === "not_found" || error.code === "forbidden")) notFound();
    throw error;
  }
}
