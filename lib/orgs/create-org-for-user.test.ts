import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { testDb } from "@/lib/testing/database";
import { createOwner, testContext } from "@/lib/testing/factories";
import { createOrgForUser } from "./create-org-for-user";

let db: Db;
beforeAll(() => {
  db = testDb();
});

async function person() {
  const { user, org } = await createOwner();
  return {
    org,
    principal: { type: "user" as const, userId: user.id, sessionId: "n/a", email: user.email, name: user.name },
  };
}

describe("creating another organization", () => {
  it("makes the creator its owner, with its own chain opened by org.created", async () => {
    const { principal } = await person();
    const name = `Second ${principal.userId.slice(0, 6)}`;
    const { slug } = await createOrgForUser({ principal, input: { name }, request: testContext });
    const org = await db.organization.findUniqueOrThrow({
      where: { slug },
      include: { memberships: true, chainHead: true },
    });
    expect(org.name).toBe(name);
    expect(org.memberships).toEqual([expect.objectContaining({ userId: principal.userId, role: "OWNER" })]);
    expect(org.chainHead?.seq).toBe(1n);
    const first = await db.auditEntry.findFirstOrThrow({ where: { orgId: org.id, seq: 1n } });
    expect(first).toMatchObject({
      action: "org.created",
      actorId: principal.userId,
      ip: testContext.ip,
      metadata: { name, slug },
    });
  });

  it("picks a free address, never one of the app's own paths", async () => {
    const { principal } = await person();
    const first = await createOrgForUser({ principal, input: { name: "Twin Peaks Ltd" }, request: testContext });
    const second = await createOrgForUser({ principal, input: { name: "Twin Peaks Ltd" }, request: testContext });
    expect(second.slug).not.toBe(first.slug);
    expect(second.slug).toMatch(/^twin-peaks-ltd-[0-9a-f]{6}$/);
    const reserved = await createOrgForUser({ principal, input: { name: "Account" }, request: testContext });
    expect(reserved.slug).toMatch(/^account-[0-9a-f]{6}$/);
  });

  it("refuses an empty name and creates nothing", async () => {
    const { principal } = await person();
    await expect(createOrgForUser({ principal, input: { name: "   " }, request: testContext })).rejects.toThrow();
    expect(await db.membership.count({ where: { userId: principal.userId } })).toBe(1);
  });
});
