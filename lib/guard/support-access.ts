import "server-only";
import { cache } from "react";
import type { OrgContext, OrgRef, Principal } from "@/lib/context";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { PERMISSIONS, type Permission } from "@/lib/rbac/permissions";
import { findLiveSupportSession, recordSupportView } from "@/lib/staff/live-support-session";
import { sessionTarget, staffAccessMetadata, staffActor } from "@/lib/staff/support-session-event";
import type { Scene } from "./scene";

/**
 * What support mode never grants, reads included: exports, access packages and secrets take data out of Verity
 * and are themselves on the record (a GET that appends an entry). Support is for looking, not for carrying
 * personal data or credentials away.
 */
const NOT_IN_SUPPORT = new Set<Permission>([
  "audit.export",
  "privacy_requests.manage",
  "secrets.read",
  "secrets.manage",
  // Messaging's management reads take numbers away (the DNC export) or act on people's consent.
  "messaging.manage",
]);

/** What a request asks of an organization: pages and GET routes read; actions and other methods change. */

export type Intent = { kind: "read"; via: "page" | "api" | "action"; method?: string } | { kind: "write" };

/** The views this server request has already recorded (the org layout and its page both run the guard). */
const viewedInThisRequest = cache((): Set<string> => new Set());

/**
 * The org step for a person who is not a member: platform staff with a live support session in this
 * organization read it, and only read it. Anyone else (staff without a session included) gets null, and
 * the caller answers 404 as for an organization that does not exist. A change is refused and recorded
 * (record-refusal.ts writes staff_access.write_refused); a read is recorded as staff_access.viewed, in
 * the customer's own trail: the one other place the guard writes to the trail, because in support mode
 * reading is itself the consequential act.
 */
export async function supportAccess(
  scene: Scene,
  principal: Principal,
  org: OrgRef,
  permission: Permission,
  intent: Intent,
): Promise<OrgContext<Principal> | null> {
  const db = getDb();
  const session = await findLiveSupportSession(db, principal.userId, org.id);
  if (!session) return null;
  scene.orgId = org.id;
  const staff = await db.user.findUniqueOrThrow({ where: { id: principal.userId }, select: { totpEnabledAt: true } });
  if (!staff.totpEnabledAt)
    throw new AppError("mfa_required", "Set up two-factor authentication to continue: support mode requires it.");
  const facts = {
    actor: staffActor(session),
    target: sessionTarget(session),
    metadata: staffAccessMetadata(session, org.slug),
  };
  if (intent.kind === "write") {
    const message = "Support mode is read-only: Verity staff cannot change anything in this organization.";
    throw new AppError("forbidden", message, undefined, { permission, reason: "support_read_only", support: facts });
  }
  if (NOT_IN_SUPPORT.has(permission)) {
    const message = "Support mode does not include exports, access packages or secrets: ask an owner.";
    throw new AppError("forbidden", message, undefined, { permission, reason: "support_read_only", support: facts });
  }
  const key = `${session.id}:${permission}`;
  const recorded = viewedInThisRequest();
  if (!recorded.has(key)) {
    recorded.add(key);
    const { via, method } = intent;
    await recordSupportView(db, session, org.slug, scene.request, { permission, via, ...(method ? { method } : {}) });
  }
  const support = {
    sessionId: session.id,
    expiresAt: session.expiresAt!.toISOString(),
    justification: session.justification,
  };
  // Every permission but NOT_IN_SUPPORT, for reading: the pages render what an owner sees, and the guard refuses
  // every change.
  const { id, slug, name } = org;
  return {
    principal,
    org: { id, slug, name },
    role: "AUDITOR",
    permissions: PERMISSIONS.filter((permission) => !NOT_IN_SUPPORT.has(permission)),
    request: scene.request,
    support,
  };
}
