import { randomUUID } from "node:crypto";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import type { OrgContext, Principal } from "@/lib/context";
import { createAccount } from "@/lib/auth/create-account";
import { hashPassword } from "@/lib/auth/password";
import { ZSignUp } from "@/lib/auth/schemas";
import { getDb } from "@/lib/db/client";
import type { Db } from "@/lib/db/client";
import { ROLE_PERMISSIONS, type RoleName } from "@/lib/rbac/permissions";

export const testContext = { ip: "203.0.113.7", userAgent: "vitest", geo: null, requestId: "req-test" };

/**
 * A user with their own organization and a confirmed address, through the account creation sign-up
 * uses (the same rows and entries), without sign-up's throttle and confirmation mail: tests create
 * hundreds of owners. lib/auth/sign-up.test.ts covers sign-up itself.
 */
export async function createOwner(overrides: { name?: string; organizationName?: string } = {}) {
  const tag = randomUUID().slice(0, 8);
  const password = `correct horse ${tag}`;
  const fields = ZSignUp.parse({
    name: overrides.name ?? `Owner ${tag}`,
    email: `owner-${tag}@example.test`,
    password,
    organizationName: overrides.organizationName ?? `Org ${tag}`,
  });
  const passwordHash = await hashPassword(password);
  const { user, org } = await getDb().$transaction((tx) =>
    createAccount(tx, { fields, passwordHash, context: testContext, emailVerifiedAt: new Date() }),
  );
  return { user, org, password };
}

/** Appends `count` customer events to an organization's chain, one transaction each. */
export async function appendEvents(db: Db, orgId: string, count: number) {
  for (let i = 0; i < count; i++) {
    await db.$transaction((tx) =>
      appendAuditEntry(tx, {
        orgId,
        action: "custom.test.event",
        actor: { type: "system", id: null, display: "test" },
        metadata: { n: i },
      }),
    );
  }
}

/** The context a domain service receives for `person` acting in `org` with `role` (a session principal). */
export function orgContextFor(
  person: { user: { id: string; email: string; name: string } },
  org: { id: string; slug: string; name: string },
  role: RoleName = "OWNER",
): OrgContext<Principal> {
  return {
    principal: {
      type: "user",
      userId: person.user.id,
      sessionId: "test",
      email: person.user.email,
      name: person.user.name,
    },
    org: { id: org.id, slug: org.slug, name: org.name },
    role,
    permissions: ROLE_PERMISSIONS[role],
    request: testContext,
  };
}
