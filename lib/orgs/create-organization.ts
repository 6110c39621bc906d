import "server-only";
import { randomBytes } from "node:crypto";
import { appendAuditEntry, createChainHead } from "@/lib/audit/append-audit-entry";
import type { Actor, RequestContext } from "@/lib/context";
import { createBillingAccount } from "@/lib/billing/create-billing-account";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";

export function slugify(name: string): string {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/['’]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
  return base.length >= 2 ? base : `org-${base}`.replace(/-+$/, "");
}

/** The app's own top-level paths: an organization there would be unreachable. */
export const RESERVED_SLUGS = new Set([
  "account",
  "api",
  "orgs",
  "signin",
  "signup",
  "signout",
  "outbox",
  "forgot-password",
  "reset-password",
  "verify-email",
  "invitations",
  "settings",
  "new",
  "admin",
  "static",
  "public",
]);

/** A free address from the name, never one of the app's own paths. */
export async function freeSlug(tx: Tx, name: string): Promise<string> {
  const base = slugify(name).slice(0, 33).replace(/-+$/, "");
  for (let attempt = 0; attempt < 5; attempt++) {
    const slug = attempt === 0 && !RESERVED_SLUGS.has(base) ? base : `${base}-${randomBytes(3).toString("hex")}`;
    if (!(await tx.organization.findUnique({ where: { slug }, select: { id: true } }))) return slug;
  }
  throw new AppError("conflict", "Could not find a free address for that name. Try another name.");
}

/**
 * Creates an organization with its first owner and its audit chain, inside the caller's transaction.
 */
export async function createOrganization(
  tx: Tx,
  {
    name,
    ownerId,
    actor,
    context,
    slug,
    occurredAt,
  }: {
    name: string;
    ownerId: string;
    actor: Actor;
    context: RequestContext | null;
    slug?: string;
    /** For demo data only (its history starts in the past); a live sign-up takes the time of the append. */
    occurredAt?: string;
  },
) {
  const org = await tx.organization.create({ data: { name, slug: slug ?? (await freeSlug(tx, name)) } });
  await tx.membership.create({ data: { orgId: org.id, userId: ownerId, role: "OWNER" } });
  await createChainHead(tx, org.id);
  await createBillingAccount(tx, org.id);
  await appendAuditEntry(tx, {
    orgId: org.id,
    action: "org.created",
    actor,
    target: { type: "organization", id: org.id, display: org.name },
    context,
    metadata: { name: org.name, slug: org.slug },
    occurredAt,
  });
  return org;
}
