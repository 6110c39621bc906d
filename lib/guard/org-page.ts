import "server-only";
import { notFound, redirect } from "next/navigation";
import type { OrgContext, Principal } from "@/lib/context";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { safeRedirectPath } from "@/lib/http/safe-redirect-path";
import { formerOrgName } from "@/lib/orgs/former-membership";
import { movedOrgSlug } from "@/lib/orgs/slug-history";
import type { Permission } from "@/lib/rbac/permissions";
import { currentPrincipal } from "./current-principal";
import { endedSessionReason } from "./ended-session";
import { currentRequest } from "./incoming-request";
import { headers } from "next/headers";
import { resolveOrgAccess } from "./org-access";

/**
 * The signed-in principal for a page, or a redirect to the sign-in page, which says why when someone
 * else ended the session (an administrator, or removal from their only organization).
 */
export async function requirePrincipal(): Promise<Principal> {
  const principal = await currentPrincipal();
  if (principal) return principal;
  const reason = await endedSessionReason((await currentRequest()).credentials);
  redirect(reason ? `/signin?ended=${reason}` : "/signin");
}

/**
 * The page asked for (set by proxy.ts, which overwrites whatever the client sent), if it is a relative
 * path inside this organization; else the organization's dashboard. Enrolment then returns there.
 */
async function requestedOrgPath(orgSlug: string): Promise<string> {
  const home = `/${orgSlug}`;
  const asked = (await headers()).get("x-verity-path") ?? "";
  const safe = safeRedirectPath(asked, "http://panel.invalid", home);
  return safe === home || safe.startsWith(`${home}/`) || safe.startsWith(`${home}?`) ? safe : home;
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
      redirect(`/account/two-factor?required=1&next=${encodeURIComponent(await requestedOrgPath(orgSlug))}`);
    // Someone removed from (or who left) this organization is told so, not shown a bare 404.
    if (error instanceof AppError && error.code === "not_found") {
      // An old address of an organization they belong to: on to the same page at its current address.
      const moved = await movedOrgSlug(getDb(), { slug: orgSlug, userId: principal.userId });
      if (moved) redirect(`/${moved}${(await requestedOrgPath(orgSlug)).slice(orgSlug.length + 1)}`);
      if (await formerOrgName(getDb(), { userId: principal.userId, slug: orgSlug }))
        redirect(`/orgs/no-access?org=${encodeURIComponent(orgSlug)}`);
    }
    if (error instanceof AppError && (error.code === "not_found" || error.code === "forbidden")) notFound();
    throw error;
  }
}
