import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { testDb } from "@/lib/testing/database";
import { createOwner, testContext } from "@/lib/testing/factories";
import { createOrgForUser } from "./create-org-for-user";
import { listUserOrgs } from "./list-user-orgs";

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

describe("the organizations a person belongs to", () => {
  it("lists them with the person's role, leaving out deleted ones", async () => {
    const { principal, org } = await person();
    const other = await createOwner();
    await db.membership.create({ data: { orgId: other.org.id, userId: principal.userId, role: "AUDITOR" } });
    const closed = await createOrgForUser({ principal, input: { name: "Closed Co" }, request: testContext });
    await db.organization.update({ where: { slug: closed.slug }, data: { deletedAt: new Date() } });

    const orgs = await listUserOrgs(db, principal.userId);
    expect(orgs.map(({ slug, role }) => ({ slug, role })).sort((a, b) => a.slug.localeCompare(b.slug))).toEqual(
      [
        { slug: org.slug, role: "OWNER" },
        { slug: other.org.slug, role: "AUDITOR" },
      ].sort((a, b) => a.slug.localeCompare(b.slug)),
    );
  });
});
