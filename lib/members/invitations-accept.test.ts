import { beforeAll, describe, expect, it } from "vitest";
import { redeemSignInGrant } from "@/lib/auth/sign-in";
import type { Db } from "@/lib/db/client";
import type { OrgContext, Principal } from "@/lib/context";
import { listOutboxMessages } from "@/lib/mail";
import { ROLE_PERMISSIONS, type RoleName } from "@/lib/rbac/permissions";
import { testDb } from "@/lib/testing/database";
import { createOwner, testContext } from "@/lib/testing/factories";
import { acceptInvitation, acceptInvitationAsNewUser, describeInvitation } from "./accept-invitation";
import { INVITATION_TTL_MS, inviteMember, type InvitationSent } from "./invite-member";
import { revokeInvitation } from "./revoke-invitation";

let db: Db;
beforeAll(() => {
  db = testDb();
});

type Owner = Awaited<ReturnType<typeof createOwner>>;
function ctxOf({ user, org }: Owner): OrgContext {
  return {
    principal: { type: "user", userId: user.id, sessionId: "test", email: user.email, name: user.name },
    org: { id: org.id, slug: org.slug, name: org.name },
    role: "OWNER",
    permissions: ROLE_PERMISSIONS.OWNER,
    request: testContext,
  };
}
const principalOf = ({ user }: Owner): Principal => ({
  type: "user",
  userId: user.id,
  sessionId: "test",
  email: user.email,
  name: user.name,
});

/** An invitation from `owner` and the token from its mail, the way the invitee gets it. */
async function invited(
  owner: Owner,
  { email = `new-${crypto.randomUUID().slice(0, 8)}@example.test`, role = "MEMBER" as RoleName, now = new Date() } = {},
) {
  const sent = (await db.$transaction((tx) =>
    inviteMember({ ctx: ctxOf(owner), tx, input: { email, role }, now }),
  )) as InvitationSent;
  const [mail] = await listOutboxMessages({ db, to: sent.email, limit: 1, now });
  return { ...sent, token: /\/invitations\/([A-Za-z0-9_-]{43})/.exec(mail.text!)![1] };
}

const PASSWORD = "a long enough passphrase";
const stringify = (value: unknown) => JSON.stringify(value, (_, v) => (typeof v === "bigint" ? String(v) : v));

describe("accepting as a signed-in user", () => {
  it("joins with the invited role once: the link is single use", async () => {
    const owner = await createOwner();
    const invitee = await createOwner();
    const { token, invitationId } = await invited(owner, { email: invitee.user.email.toUpperCase(), role: "AUDITOR" });
    expect(await describeInvitation({ token })).toMatchObject({
      status: "pending",
      role: "AUDITOR",
      orgName: owner.org.name,
      accountExists: true,
    });

    expect(await acceptInvitation({ principal: principalOf(invitee), input: { token }, context: testContext })).toEqual(
      { orgSlug: owner.org.slug },
    );
    expect(
      await db.membership.findUnique({ where: { orgId_userId: { orgId: owner.org.id, userId: invitee.user.id } } }),
    ).toMatchObject({ role: "AUDITOR" });
    const joined = await db.auditEntry.findFirstOrThrow({ where: { orgId: owner.org.id, action: "member.joined" } });
    expect(joined).toMatchObject({ actorId: invitee.user.id, metadata: { role: "AUDITOR", invitationId } });

    await expect(
      acceptInvitation({ principal: principalOf(invitee), input: { token }, context: testContext }),
    ).rejects.toMatchObject({ code: "conflict" });
    expect(await describeInvitation({ token })).toMatchObject({ status: "accepted" });
    expect(stringify(await db.auditEntry.findMany({ where: { orgId: owner.org.id } }))).not.toContain(token);
  });

  it("refuses someone signed in with another address, and changes nothing", async () => {
    const owner = await createOwner();
    const stranger = await createOwner();
    const { token, invitationId } = await invited(owner);
    await expect(
      acceptInvitation({ principal: principalOf(stranger), input: { token }, context: testContext }),
    ).rejects.toMatchObject({ code: "forbidden" });
    expect((await db.invitation.findUniqueOrThrow({ where: { id: invitationId } })).acceptedAt).toBeNull();
    expect(await db.membership.count({ where: { orgId: owner.org.id, userId: stranger.user.id } })).toBe(0);
  });

  it("answers 409 to someone who is already a member, leaving the invitation unused", async () => {
    const owner = await createOwner();
    const invitee = await createOwner();
    const { token, invitationId } = await invited(owner, { email: invitee.user.email });
    await db.membership.create({ data: { orgId: owner.org.id, userId: invitee.user.id, role: "MEMBER" } });
    await expect(
      acceptInvitation({ principal: principalOf(invitee), input: { token }, context: testContext }),
    ).rejects.toMatchObject({ code: "conflict", status: 409 });
    expect((await db.invitation.findUniqueOrThrow({ where: { id: invitationId } })).acceptedAt).toBeNull();
  });

  it("refuses a revoked invitation, and a made-up token like an unknown one", async () => {
    const owner = await createOwner();
    const invitee = await createOwner();
    const { token, invitationId } = await invited(owner, { email: invitee.user.email });
    await db.$transaction((tx) => revokeInvitation({ ctx: ctxOf(owner), tx, input: { invitationId } }));
    expect(await describeInvitation({ token })).toMatchObject({ status: "revoked" });
    await expect(
      acceptInvitation({ principal: principalOf(invitee), input: { token }, context: testContext }),
    ).rejects.toMatchObject({ code: "conflict" });
    expect(await describeInvitation({ token: "x".repeat(43) })).toMatchObject({ status: "invalid" });
    await expect(
      acceptInvitation({ principal: principalOf(invitee), input: { token: "x".repeat(43) }, context: testContext }),
    ).rejects.toMatchObject({ code: "not_found" });
    expect(await db.membership.count({ where: { orgId: owner.org.id, userId: invitee.user.id } })).toBe(0);
  });
});

describe("an expired invitation", () => {
  it("is refused, and its expiry is recorded once however often the link is opened or used", async () => {
    const owner = await createOwner();
    const invitee = await createOwner();
    const { token, invitationId } = await invited(owner, { email: invitee.user.email });
    const afterExpiry = new Date(Date.now() + INVITATION_TTL_MS + 1000);
    expect(await describeInvitation({ token, now: afterExpiry })).toMatchObject({ status: "expired" });
    await expect(
      acceptInvitation({ principal: principalOf(invitee), input: { token }, context: testContext, now: afterExpiry }),
    ).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/expired/) });
    await expect(
      acceptInvitationAsNewUser({
        input: { token, name: "Late", password: PASSWORD },
        context: testContext,
        now: afterExpiry,
      }),
    ).rejects.toMatchObject({ code: "conflict" });
    expect(await db.membership.count({ where: { orgId: owner.org.id, userId: invitee.user.id } })).toBe(0);
    const expiries = await db.auditEntry.findMany({ where: { orgId: owner.org.id, action: "invitation.expired" } });
    expect(expiries).toHaveLength(1);
    expect(expiries[0]).toMatchObject({
      actorType: "system",
      targetId: invitationId,
      metadata: { email: invitee.user.email, role: "MEMBER" },
    });
  });
});

describe("accepting as someone without an account", () => {
  it("creates exactly one user and one membership, no organization, signs them in, and records both events", async () => {
    const owner = await createOwner();
    const { token, email, invitationId } = await invited(owner, { role: "ADMIN" });
    expect(await describeInvitation({ token })).toMatchObject({ status: "pending", accountExists: false, email });
    const [users, orgs] = [await db.user.count(), await db.organization.count()];

    const { orgSlug, grant } = await acceptInvitationAsNewUser({
      input: { token, name: "Grace Hopper", password: PASSWORD },
      context: testContext,
    });
    expect(orgSlug).toBe(owner.org.slug);
    expect(await db.user.count()).toBe(users + 1);
    expect(await db.organization.count()).toBe(orgs);
    const user = await db.user.findUniqueOrThrow({
      where: { email },
      select: { id: true, name: true, passwordHash: true, memberships: { select: { orgId: true, role: true } } },
    });
    expect(user).toMatchObject({ name: "Grace Hopper", memberships: [{ orgId: owner.org.id, role: "ADMIN" }] });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(grant).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The link came to this address: it counts as confirmed, and the grant opens a session.
    expect(
      await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { emailVerifiedAt: true } }),
    ).toMatchObject({ emailVerifiedAt: expect.any(Date) });

    const entries = await db.auditEntry.findMany({
      where: { orgId: owner.org.id, actorId: user.id },
      orderBy: { seq: "asc" },
    });
    expect(entries.map((entry) => [entry.action, entry.metadata])).toEqual([
      ["user.signed_up", { email }],
      ["member.joined", { role: "ADMIN", invitationId }],
    ]);
    const trail = stringify(await db.auditEntry.findMany({ where: { orgId: owner.org.id } }));
    for (const secret of [token, grant, PASSWORD]) expect(trail).not.toContain(secret);

    expect(await redeemSignInGrant({ grant, context: testContext })).toMatchObject({ userId: user.id });

    // The link is spent: a second try creates nobody.
    await expect(
      acceptInvitationAsNewUser({ input: { token, name: "Again", password: PASSWORD }, context: testContext }),
    ).rejects.toMatchObject({ code: "conflict" });
    expect(await db.user.count()).toBe(users + 1);
  });

  it("sends someone whose account exists to sign in instead, creating nothing", async () => {
    const owner = await createOwner();
    const existing = await createOwner();
    const { token } = await invited(owner, { email: existing.user.email });
    const users = await db.user.count();
    await expect(
      acceptInvitationAsNewUser({ input: { token, name: "Twin", password: PASSWORD }, context: testContext }),
    ).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/Sign in/),
    });
    expect(await db.user.count()).toBe(users);
  });

  it("answers a short password with a field error before touching the invitation", async () => {
    const owner = await createOwner();
    const { token, invitationId } = await invited(owner);
    const error = await acceptInvitationAsNewUser({
      input: { token, name: "Shorty", password: "short" },
      context: testContext,
    }).catch((e) => e);
    expect(error.issues?.[0]?.path).toEqual(["password"]);
    expect((await db.invitation.findUniqueOrThrow({ where: { id: invitationId } })).acceptedAt).toBeNull();
  });
});
