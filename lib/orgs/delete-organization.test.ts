import { beforeAll, describe, expect, it } from "vitest";
import { deleteOrganizationAction } from "@/app/[orgSlug]/settings/actions";
import { verifyChain } from "@/lib/audit/verify-chain";
import type { Db } from "@/lib/db/client";
import { resolveOrgAccess } from "@/lib/guard/org-access";
import { testDb } from "@/lib/testing/database";
import { signedInOwner } from "@/lib/testing/signed-in-owner";
import { createOwner, testContext } from "@/lib/testing/factories";

let db: Db;
beforeAll(() => {
  db = testDb();
});

const deletedAt = async (orgId: string) =>
  (await db.organization.findUniqueOrThrow({ where: { id: orgId }, select: { deletedAt: true } })).deletedAt;
const lastEntry = (orgId: string) => db.auditEntry.findFirstOrThrow({ where: { orgId }, orderBy: { seq: "desc" } });

describe("deleting an organization", () => {
  it("needs a recent step-up, then closes the organization and keeps its audit trail", async () => {
    const { org, user, principal, confirmItsMe } = await signedInOwner(db);
    expect(await deleteOrganizationAction(org.slug, { confirmSlug: org.slug })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Confirm it's you/),
    });
    expect(await deletedAt(org.id)).toBeNull();

    expect(await confirmItsMe()).toEqual({ ok: true });
    expect(await deleteOrganizationAction(org.slug, { confirmSlug: org.slug })).toEqual({
      ok: true,
      data: { slug: org.slug },
    });
    expect(await deletedAt(org.id)).toBeInstanceOf(Date);
    const entry = await lastEntry(org.id);
    expect(entry).toMatchObject({
      action: "org.deleted",
      category: "org_settings",
      actorId: user.id,
      targetId: org.id,
      metadata: { name: org.name, slug: org.slug },
    });

    await expect(resolveOrgAccess(principal, org.slug, "org.read", testContext)).rejects.toMatchObject({
      code: "not_found",
    });
    // Closed, not erased: the trail is still there and still verifies, delete entry included.
    expect(await verifyChain({ db, orgId: org.id })).toMatchObject({ ok: true });
    expect(await db.membership.count({ where: { orgId: org.id } })).toBe(1);
  });

  it("refuses when the typed address does not match, and deletes nothing", async () => {
    const { org, confirmItsMe } = await signedInOwner(db);
    await confirmItsMe();
    const before = await lastEntry(org.id);
    expect(await deleteOrganizationAction(org.slug, { confirmSlug: "something-else" })).toMatchObject({
      ok: false,
      fieldErrors: { confirmSlug: [`Type ${org.slug} to confirm.`] },
    });
    expect(await deletedAt(org.id)).toBeNull();
    expect((await lastEntry(org.id)).seq).toBe(before.seq);
  });

  it("is for owners only: a stepped-up admin is refused", async () => {
    const { org } = await createOwner();
    const admin = await signedInOwner(db);
    await db.membership.create({ data: { orgId: org.id, userId: admin.user.id, role: "ADMIN" } });
    await admin.confirmItsMe();
    expect(await deleteOrganizationAction(org.slug, { confirmSlug: org.slug })).toMatchObject({
      ok: false,
      error: "Your role (admin) does not allow org.delete.",
    });
    expect(await deletedAt(org.id)).toBeNull();
  });
});
