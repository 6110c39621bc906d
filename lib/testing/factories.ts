import { randomUUID } from "node:crypto";
import { appendAuditEntry } from "@/lib/audit";
import { signUp } from "@/lib/auth/sign-up";
import type { Db } from "@/lib/db/client";

export const testContext = { ip: "203.0.113.7", userAgent: "vitest", geo: null, requestId: "req-test" };

/** A signed-up user with their own organization, through the real sign-up service. */
export async function createOwner(overrides: { name?: string; organizationName?: string } = {}) {
  const tag = randomUUID().slice(0, 8);
  const password = `correct horse ${tag}`;
  const { user, org } = await signUp({
    input: {
      name: overrides.name ?? `Owner ${tag}`,
      email: `owner-${tag}@example.test`,
      password,
      organizationName: overrides.organizationName ?? `Org ${tag}`,
    },
    context: testContext,
  });
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
