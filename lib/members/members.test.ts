import { beforeAll, describe, expect, it } from "vitest";
import { STEP_UP_WINDOW_MS, stepUp } from "@/lib/auth/step-up";
import type { Db } from "@/lib/db/client";
import type { OrgContext } from "@/lib/context";
import { ROLE_PERMISSIONS, type RoleName } from "@/lib/rbac/permissions";
import { testDb } from "@/lib/testing/database";
import { createOwner, testContext } from "@/lib/testing/factories";
import { enrolTotp } from "@/lib/testing/mfa";
import { sessionCookieFor } from "@/lib/testing/sessions";
import { steppedUp } from "@/lib/testing/step-up";
import { changeMemberRole } from "./change-member-role";
import { listMembers, ZMembersQuery } from "./list-members";
import { leaveOrganization, removeMember } from "./remove-member";
import { testBrowser } from "@/lib/testing/test-browser";

const { changeMemberRoleAction, removeMemberAction, transferOwnershipAction } =
  await import("@/app/[orgSlug]/members/actions");

let db: Db;
beforeAll(() => {
  db = testDb();
});

type Person = Awaited<ReturnType<typeof createOwner>>;

/** An org with an owner and one member of each other role. */
async function team() {
  const owner = await createOwner();
  const people: Record<RoleName, Person> = {
    OWNER: owner,
    ADMIN: await createOwner(),
    MEMBER: await createOwner(),
    AUDITOR: await createOwner(),
  };
  for (const role of ["ADMIN", "MEMBER", "AUDITOR"] as const) {
    await db.membership.create({ data: { orgId: owner.org.id, userId: people[role].user.id, role } });
  }
  const ctxOf = (role: RoleName): OrgContext => ({
    // A session id with no stepped-up session behind it: see steppedUp() for one that has.
    principal: {
      type: "user",
      userId: people[role].user.id,
      sessionId: crypto.randomUUID(),
      email: people[role].user.email,
      name: people[role].user.name,
    },
    org: { id: owner.org.id, slug: owner.org.slug, name: owner.org.name },
    role,
    permissions: ROLE_PERMISSIONS[role],
    request: testContext,
  });
  const inTx = <T>(work: (tx: Parameters<Parameters<Db["$transaction"]>[0]>[0]) => Promise<T>) => db.$transaction(work);
  return { org: owner.org, people, ctxOf, inTx };
}

const roleOf = async (orgId: string, userId: string) =>
  (await db.membership.findUnique({ where: { orgId_userId: { orgId, userId } } }))?.role;

describe("role changes", () => {
  it("only an owner grants or removes the Owner role", async () => {
    const { org, people, ctxOf, inTx } = await team();
    await expect(
      inTx((tx) =>
        changeMemberRole({ ctx: ctxOf("ADMIN"), tx, input: { userId: people.MEMBER.user.id, role: "OWNER" } }),
      ),
    ).rejects.toMatchObject({
      code: "forbidden",
      denial: { reason: "owner_role_requires_owner" },
    });
    await expect(
      inTx((tx) =>
        changeMemberRole({ ctx: ctxOf("ADMIN"), tx, input: { userId: people.OWNER.user.id, role: "MEMBER" } }),
      ),
    ).rejects.toMatchObject({ code: "forbidden" });
    await inTx((tx) =>
      changeMemberRole({ ctx: ctxOf("ADMIN"), tx, input: { userId: people.MEMBER.user.id, role: "AUDITOR" } }),
    );
    expect(await roleOf(org.id, people.MEMBER.user.id)).toBe("AUDITOR");
    const owner = await steppedUp(db, ctxOf("OWNER"));
    await inTx((tx) => changeMemberRole({ ctx: owner, tx, input: { userId: people.ADMIN.user.id, role: "OWNER" } }));
    expect(await roleOf(org.id, people.ADMIN.user.id)).toBe("OWNER");
    const entry = await db.auditEntry.findFirstOrThrow({
      where: { orgId: org.id, action: "member.role_changed" },
      orderBy: { seq: "desc" },
    });
    expect(entry).toMatchObject({
      actorId: people.OWNER.user.id,
      targetId: people.ADMIN.user.id,
      metadata: { from: "ADMIN", to: "OWNER" },
    });
  });

  it("never leaves the organization without an owner", async () => {
    const { org, people, ctxOf, inTx } = await team();
    const firstOwner = await steppedUp(db, ctxOf("OWNER"));
    await inTx((tx) =>
      changeMemberRole({ ctx: firstOwner, tx, input: { userId: people.ADMIN.user.id, role: "OWNER" } }),
    );
    // Two owners now; the second demotes the first, who then is the last one and cannot be demoted or removed.
    const secondOwner: OrgContext = await steppedUp(db, {
      ...ctxOf("ADMIN"),
      role: "OWNER",
      permissions: ROLE_PERMISSIONS.OWNER,
    });
    await inTx((tx) =>
      changeMemberRole({ ctx: secondOwner, tx, input: { userId: people.OWNER.user.id, role: "ADMIN" } }),
    );
    await expect(inTx((tx) => leaveOrganization({ ctx: secondOwner, tx }))).rejects.toMatchObject({ code: "conflict" });
    await expect(
      inTx((tx) => changeMemberRole({ ctx: secondOwner, tx, input: { userId: people.ADMIN.user.id, role: "MEMBER" } })),
    ).rejects.toMatchObject({ code: "conflict" });
    expect(await db.membership.count({ where: { orgId: org.id, role: "OWNER" } })).toBe(1);
  });

  it("answers another org's member id with not_found and changes nothing", async () => {
    const { ctxOf, inTx } = await team();
    const stranger = await createOwner();
    // Refused like an unknown id, with the denial the guard records in the member's organization (crossTenant).
    await expect(
      inTx((tx) => changeMemberRole({ ctx: ctxOf("OWNER"), tx, input: { userId: stranger.user.id, role: "MEMBER" } })),
    ).rejects.toMatchObject({
      code: "not_found",
      denial: { reason: "not_a_member", crossTenant: true, targetOrgId: [stranger.org.id] },
    });
    expect(await roleOf(stranger.org.id, stranger.user.id)).toBe("OWNER");
  });
});

describe("granting, removing or taking away the Owner role (step-up, like a transfer)", () => {
  const stepUpRequired = { code: "step_up_required", status: 403, message: expect.stringMatching(/^Confirm it's you/) };
  const roleChanges = (orgId: string) =>
    db.auditEntry.findMany({ where: { orgId, action: "member.role_changed" }, orderBy: { seq: "asc" } });

  it("refuses an owner without a recent step-up, and lets them with one; other role changes need none", async () => {
    const { org, people, ctxOf, inTx } = await team();
    const promote = (ctx: OrgContext) =>
      inTx((tx) => changeMemberRole({ ctx, tx, input: { userId: people.ADMIN.user.id, role: "OWNER" } }));
    const demote = (ctx: OrgContext) =>
      inTx((tx) => changeMemberRole({ ctx, tx, input: { userId: people.ADMIN.user.id, role: "ADMIN" } }));
    const remove = (ctx: OrgContext) =>
      inTx((tx) => removeMember({ ctx, tx, input: { userId: people.ADMIN.user.id } }));

    await expect(promote(ctxOf("OWNER"))).rejects.toMatchObject(stepUpRequired);
    expect(await roleOf(org.id, people.ADMIN.user.id)).toBe("ADMIN");
    await inTx((tx) =>
      changeMemberRole({ ctx: ctxOf("OWNER"), tx, input: { userId: people.MEMBER.user.id, role: "AUDITOR" } }),
    );
    expect(await roleOf(org.id, people.MEMBER.user.id)).toBe("AUDITOR");

    const confirmed = await steppedUp(db, ctxOf("OWNER"));
    await promote(confirmed);
    expect(await roleOf(org.id, people.ADMIN.user.id)).toBe("OWNER");

    // Taking Owner away (demoting or removing an owner) needs it too, and a step-up lasts five minutes.
    await expect(demote(ctxOf("OWNER"))).rejects.toMatchObject(stepUpRequired);
    await expect(remove(ctxOf("OWNER"))).rejects.toMatchObject(stepUpRequired);
    await db.session.update({
      where: { id: confirmed.principal.sessionId },
      data: { steppedUpAt: new Date(Date.now() - STEP_UP_WINDOW_MS - 1_000) },
    });
    await expect(demote(confirmed)).rejects.toMatchObject(stepUpRequired);
    expect(await roleOf(org.id, people.ADMIN.user.id)).toBe("OWNER");
    await demote(await steppedUp(db, ctxOf("OWNER")));
    expect(await roleOf(org.id, people.ADMIN.user.id)).toBe("ADMIN");

    // Only what happened is in the trail.
    expect((await roleChanges(org.id)).map((entry) => entry.metadata)).toEqual([
      { from: "MEMBER", to: "AUDITOR" },
      { from: "ADMIN", to: "OWNER" },
      { from: "OWNER", to: "ADMIN" },
    ]);
  });

  it("refuses an API key, which has no session to step up", async () => {
    const { org, people, ctxOf, inTx } = await team();
    const key: OrgContext = {
      ...ctxOf("OWNER"),
      principal: {
        type: "api_key",
        keyId: crypto.randomUUID(),
        userId: people.OWNER.user.id,
        email: people.OWNER.user.email,
        name: "ci",
        prefix: "vk_test_AbCd",
      },
    };
    await expect(
      inTx((tx) => changeMemberRole({ ctx: key, tx, input: { userId: people.ADMIN.user.id, role: "OWNER" } })),
    ).rejects.toMatchObject({
      code: "step_up_required",
      message: expect.stringContaining("an API key cannot"),
    });
    expect(await roleOf(org.id, people.ADMIN.user.id)).toBe("ADMIN");
  });

  it("in the panel's actions too: promoting needs a step-up; the new owner cannot remove or demote the first without one", async () => {
    const { org, people } = await team();
    const owner = await enrolTotp(db, people.OWNER.user.id);
    const ownerSession = await sessionCookieFor(db, people.OWNER.user.id);
    testBrowser.cookie = ownerSession.cookie;
    expect(await changeMemberRoleAction(org.slug, { userId: people.ADMIN.user.id, role: "OWNER" })).toEqual({
      ok: false,
      code: "step_up_required",
      error: expect.stringMatching(/^Confirm it's you/),
    });
    expect(await roleOf(org.id, people.ADMIN.user.id)).toBe("ADMIN");
    const principal = {
      userId: people.OWNER.user.id,
      sessionId: ownerSession.sessionId,
      email: people.OWNER.user.email,
    };
    expect(
      await stepUp({ principal, password: people.OWNER.password, code: await owner.codeAt(), context: testContext }),
    ).toEqual({ ok: true });
    expect(await changeMemberRoleAction(org.slug, { userId: people.ADMIN.user.id, role: "OWNER" })).toEqual({
      ok: true,
      data: { role: "OWNER" },
    });

    // The new owner, on a session that has not stepped up, cannot remove or demote the original owner.
    await enrolTotp(db, people.ADMIN.user.id);
    testBrowser.cookie = (await sessionCookieFor(db, people.ADMIN.user.id)).cookie;
    expect(await removeMemberAction(org.slug, { userId: people.OWNER.user.id })).toMatchObject({
      ok: false,
      code: "step_up_required",
    });
    expect(await changeMemberRoleAction(org.slug, { userId: people.OWNER.user.id, role: "MEMBER" })).toMatchObject({
      ok: false,
      code: "step_up_required",
    });
    expect(await roleOf(org.id, people.OWNER.user.id)).toBe("OWNER");
  });
});

describe("removing and leaving", () => {
  it("admins remove members but not owners; members leave; every step is audited", async () => {
    const { org, people, ctxOf, inTx } = await team();
    await expect(
      inTx((tx) => removeMember({ ctx: ctxOf("ADMIN"), tx, input: { userId: people.OWNER.user.id } })),
    ).rejects.toMatchObject({ code: "forbidden" });
    await inTx((tx) => removeMember({ ctx: ctxOf("ADMIN"), tx, input: { userId: people.AUDITOR.user.id } }));
    await inTx((tx) => leaveOrganization({ ctx: ctxOf("MEMBER"), tx }));
    expect(await roleOf(org.id, people.AUDITOR.user.id)).toBeUndefined();
    expect(await roleOf(org.id, people.MEMBER.user.id)).toBeUndefined();
    const actions = (await db.auditEntry.findMany({ where: { orgId: org.id }, orderBy: { seq: "asc" } })).map(
      (entry) => entry.action,
    );
    expect(actions.slice(-2)).toEqual(["member.removed", "member.left"]);
  });
});

describe("transferring ownership", () => {
  it("needs a recent step-up, then swaps the roles", async () => {
    const { org, people } = await team();
    await enrolTotp(db, people.OWNER.user.id);
    const { cookie, sessionId } = await sessionCookieFor(db, people.OWNER.user.id);
    testBrowser.cookie = cookie;
    const refused = await transferOwnershipAction(org.slug, { userId: people.ADMIN.user.id });
    expect(refused).toMatchObject({ ok: false, error: expect.stringMatching(/^Confirm it's you/) });
    expect(await roleOf(org.id, people.ADMIN.user.id)).toBe("ADMIN");

    const principal = { userId: people.OWNER.user.id, sessionId, email: people.OWNER.user.email };
    const user = await db.user.findUniqueOrThrow({ where: { id: people.OWNER.user.id }, select: { totpSecret: true } });
    expect(user.totpSecret).not.toBeNull();
    // Step up with a recovery code (the TOTP path is covered in the step-up tests).
    const codes = await db.$transaction((tx) =>
      import("@/lib/auth/recovery-codes").then((m) => m.replaceRecoveryCodes(tx, principal.userId)),
    );
    expect(await stepUp({ principal, password: people.OWNER.password, code: codes[0], context: testContext })).toEqual({
      ok: true,
    });
    expect(await transferOwnershipAction(org.slug, { userId: people.ADMIN.user.id })).toMatchObject({ ok: true });
    expect(await roleOf(org.id, people.ADMIN.user.id)).toBe("OWNER");
    expect(await roleOf(org.id, people.OWNER.user.id)).toBe("ADMIN");
  });
});

describe("the members list", () => {
  it("filters, sorts and pages in the database, and never shows another org's people", async () => {
    const { org, people } = await team();
    const query = (values: Record<string, string>) => ZMembersQuery.parse(values);
    const all = await listMembers(db, { orgId: org.id, query: query({}) });
    expect(all.total).toBe(4);
    expect(new Set(all.rows.map((row) => row.userId))).toEqual(
      new Set(Object.values(people).map((person) => person.user.id)),
    );
    const auditors = await listMembers(db, { orgId: org.id, query: query({ role: "AUDITOR" }) });
    expect(auditors.rows.map((row) => row.userId)).toEqual([people.AUDITOR.user.id]);
    const byEmail = await listMembers(db, {
      orgId: org.id,
      query: query({ q: people.MEMBER.user.email.slice(0, 14) }),
    });
    expect(byEmail.rows.map((row) => row.userId)).toEqual([people.MEMBER.user.id]);
    const page2 = await listMembers(db, {
      orgId: org.id,
      query: query({ sort: "email", dir: "desc", pageSize: "5", page: "1" }),
    });
    expect(page2.rows.map((row) => row.email)).toEqual([...all.rows.map((row) => row.email)].sort().reverse());
    const sneaky = await listMembers(db, {
      orgId: org.id,
      query: query({ sort: "password_hash; drop table users", q: "%" }),
    });
    expect(sneaky.total).toBe(0);
  });
});
