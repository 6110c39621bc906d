import { beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "@/lib/crypto/tokens";
import type { Db } from "@/lib/db/client";
import type { OrgContext } from "@/lib/context";
import { AppError } from "@/lib/http/app-error";
import { eraseExpiredMailBodies, listOutboxMessages } from "@/lib/mail";
import { ROLE_PERMISSIONS, type RoleName } from "@/lib/rbac/permissions";
import { testDb } from "@/lib/testing/database";
import { createOwner, testContext } from "@/lib/testing/factories";
import { enrolTotp } from "@/lib/testing/mfa";
import { sessionCookieFor } from "@/lib/testing/sessions";
import { steppedUp } from "@/lib/testing/step-up";
import { testBrowser } from "@/lib/testing/test-browser";

const { inviteMemberAction } = await import("@/app/[orgSlug]/members/invitation-actions");
const { inviteMember, INVITATION_TTL_MS } = await import("./invite-member");
const { listInvitations } = await import("./list-invitations");

let db: Db;
beforeAll(() => {
  db = testDb();
});

type Owner = Awaited<ReturnType<typeof createOwner>>;
const email = (label: string) => `${label}-${crypto.randomUUID().slice(0, 8)}@example.test`;

/** The authorized context the guard would hand the service, for calling it with an injected clock. */
function ctxOf({ user, org }: Owner, role: RoleName = "OWNER"): OrgContext {
  return {
    principal: { type: "user", userId: user.id, sessionId: crypto.randomUUID(), email: user.email, name: user.name },
    org: { id: org.id, slug: org.slug, name: org.name },
    role,
    permissions: ROLE_PERMISSIONS[role],
    request: testContext,
  };
}

/** The owner's browser: a live session with 2FA, as the guard requires of owners. */
async function signInAs(userId: string) {
  await enrolTotp(db, userId);
  testBrowser.cookie = (await sessionCookieFor(db, userId)).cookie;
}

/** What a service threw, as the action would report it. */
async function failureOf(run: Promise<unknown>): Promise<AppError> {
  const error = await run.then(
    (value) => value,
    (thrown) => thrown,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const invite = (ctx: OrgContext, input: unknown, now?: Date) =>
  db.$transaction((tx) => inviteMember({ ctx, tx, input, now }));
const tokenMailedTo = async (to: string) => {
  const [mail] = await listOutboxMessages({ db, to, limit: 1 });
  return /\/invitations\/([A-Za-z0-9_-]{43})/.exec(mail.text!)![1];
};

describe("inviting a member", () => {
  it("answers a bad email or an unknown role with field errors and writes nothing", async () => {
    const owner = await createOwner();
    await signInAs(owner.user.id);
    const before = await db.invitation.count({ where: { orgId: owner.org.id } });
    expect(await inviteMemberAction(owner.org.slug, { email: "not an address", role: "MEMBER" })).toMatchObject({
      ok: false,
      fieldErrors: { email: expect.any(Array) },
    });
    expect(await inviteMemberAction(owner.org.slug, { email: email("x"), role: "SUPERUSER" })).toMatchObject({
      ok: false,
      fieldErrors: { role: expect.any(Array) },
    });
    expect(await db.invitation.count({ where: { orgId: owner.org.id } })).toBe(before);
  });

  it("stores only the token's hash, mails the link, expires in 7 days and records member.invited without the token", async () => {
    const owner = await createOwner();
    await signInAs(owner.user.id);
    const invitee = email("ada");
    const result = await inviteMemberAction(owner.org.slug, { email: invitee.toUpperCase(), role: "ADMIN" });
    expect(result).toMatchObject({ ok: true, data: { email: invitee, role: "ADMIN" } });

    const token = await tokenMailedTo(invitee);
    const stored = await db.invitation.findFirstOrThrow({ where: { orgId: owner.org.id, email: invitee } });
    expect(stored.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(stored.expiresAt.getTime() - stored.createdAt.getTime()).toBeGreaterThan(INVITATION_TTL_MS - 60_000);
    expect(stored.expiresAt.getTime() - stored.createdAt.getTime()).toBeLessThanOrEqual(INVITATION_TTL_MS + 60_000);

    const entry = await db.auditEntry.findFirstOrThrow({ where: { orgId: owner.org.id, action: "member.invited" } });
    expect(entry).toMatchObject({
      actorId: owner.user.id,
      targetId: stored.id,
      metadata: { email: invitee, role: "ADMIN" },
    });
    const trail = await db.auditEntry.findMany({ where: { orgId: owner.org.id } });
    expect(JSON.stringify(trail, (_, value) => (typeof value === "bigint" ? String(value) : value))).not.toContain(
      token,
    );
  });

  it("keeps no working link in the database: the invitation mail is sealed, and erased once the invitation expires", async () => {
    const owner = await createOwner();
    await signInAs(owner.user.id);
    const invitee = email("dump");
    expect(await inviteMemberAction(owner.org.slug, { email: invitee, role: "MEMBER" })).toMatchObject({ ok: true });
    const token = await tokenMailedTo(invitee);

    // A database dump (every row and column of the outbox) holds neither the token nor the link.
    const dump = (await db.$queryRaw<{ row: string }[]>`SELECT row_to_json(m)::text AS row FROM mail_outbox m`)
      .map(({ row }) => row)
      .join("\n");
    for (const secret of [token, encodeURIComponent(token), `/invitations/`]) expect(dump).not.toContain(secret);

    const [mail] = await listOutboxMessages({ db, to: invitee, limit: 1 });
    const stored = await db.invitation.findFirstOrThrow({ where: { orgId: owner.org.id, email: invitee } });
    await eraseExpiredMailBodies({ db, now: new Date(stored.expiresAt.getTime() - 60_000) });
    expect(await tokenMailedTo(invitee)).toBe(token);
    await eraseExpiredMailBodies({ db, now: stored.expiresAt });
    expect(await db.mailMessage.findUniqueOrThrow({ where: { id: mail.id } })).toMatchObject({
      to: invitee,
      sealedText: null,
      bodyExpiresAt: null,
    });
    expect((await listOutboxMessages({ db, to: invitee, limit: 1 }))[0]).toMatchObject({
      id: mail.id,
      text: null,
      missingBody: "expired",
    });
  });

  it("lets only an owner invite an owner, and records the admin's attempt as a denial", async () => {
    const owner = await createOwner();
    const admin = await createOwner();
    await db.membership.create({ data: { orgId: owner.org.id, userId: admin.user.id, role: "ADMIN" } });
    await signInAs(admin.user.id);
    const invitee = email("boss");
    const refused = await inviteMemberAction(owner.org.slug, { email: invitee, role: "OWNER" });
    expect(refused).toMatchObject({ ok: false, error: "Only an owner can invite an owner." });
    expect(await db.invitation.count({ where: { orgId: owner.org.id, email: invitee } })).toBe(0);
    const denial = await db.auditEntry.findFirst({
      where: { orgId: owner.org.id, action: "access.denied", actorId: admin.user.id },
    });
    expect(denial?.metadata).toMatchObject({ permission: "members.invite", reason: "owner_invite_requires_owner" });

    expect(await inviteMemberAction(owner.org.slug, { email: invitee, role: "ADMIN" })).toMatchObject({ ok: true });
    expect(await invite(await steppedUp(db, ctxOf(owner)), { email: email("co-owner"), role: "OWNER" })).toMatchObject({
      role: "OWNER",
    });
  });

  it("invites an owner only after a recent step-up, like a transfer of ownership; no link leaves before", async () => {
    const owner = await createOwner();
    await signInAs(owner.user.id);
    const invitee = email("co-owner");
    expect(await inviteMemberAction(owner.org.slug, { email: invitee, role: "OWNER" })).toEqual({
      ok: false,
      code: "step_up_required",
      error: expect.stringMatching(/^Confirm it's you/),
    });
    await expect(invite(ctxOf(owner), { email: invitee, role: "OWNER" })).rejects.toMatchObject({
      code: "step_up_required",
      status: 403,
    });
    expect(await db.invitation.count({ where: { orgId: owner.org.id, email: invitee } })).toBe(0);
    expect(await db.mailMessage.count({ where: { to: invitee } })).toBe(0);
    expect(await db.auditEntry.count({ where: { orgId: owner.org.id, action: "member.invited" } })).toBe(0);

    expect(await invite(await steppedUp(db, ctxOf(owner)), { email: invitee, role: "OWNER" })).toMatchObject({
      email: invitee,
      role: "OWNER",
    });
    expect(await db.mailMessage.count({ where: { to: invitee } })).toBe(1);
  });

  it("keeps invitations to the organization's allowed email domains", async () => {
    const owner = await createOwner();
    await db.organization.update({ where: { id: owner.org.id }, data: { allowedEmailDomains: ["acme.test"] } });
    const error = await failureOf(invite(ctxOf(owner), { email: "eve@elsewhere.test", role: "MEMBER" }));
    expect(error).toMatchObject({
      code: "invalid_input",
      status: 400,
      fieldErrors: { email: [expect.stringContaining("acme.test")] },
    });
    expect(
      await invite(ctxOf(owner), { email: `ada-${crypto.randomUUID().slice(0, 6)}@ACME.test`, role: "MEMBER" }),
    ).toMatchObject({ role: "MEMBER" });
  });

  it("refuses a second pending invitation (409, resend instead) and someone already a member (409)", async () => {
    const owner = await createOwner();
    const invitee = email("twice");
    await invite(ctxOf(owner), { email: invitee, role: "MEMBER" });
    const duplicate = await failureOf(invite(ctxOf(owner), { email: invitee, role: "AUDITOR" }));
    expect(duplicate).toMatchObject({ code: "conflict", status: 409 });
    expect(duplicate.message).toMatch(/resend/i);
    expect(await db.invitation.count({ where: { orgId: owner.org.id, email: invitee } })).toBe(1);

    // Once the first has expired, a fresh invitation is fine.
    const later = new Date(Date.now() + INVITATION_TTL_MS + 60_000);
    expect(await invite(ctxOf(owner), { email: invitee, role: "AUDITOR" }, later)).toMatchObject({ role: "AUDITOR" });

    const member = await createOwner();
    await db.membership.create({ data: { orgId: owner.org.id, userId: member.user.id, role: "MEMBER" } });
    expect(await failureOf(invite(ctxOf(owner), { email: member.user.email, role: "MEMBER" }))).toMatchObject({
      code: "conflict",
      status: 409,
    });
  });
});

describe("the pending invitations list", () => {
  it("shows pending and expired invitations with who sent them, never accepted, revoked or another org's, and never a hash", async () => {
    const owner = await createOwner();
    const other = await createOwner();
    const now = new Date();
    const fresh = await invite(ctxOf(owner), { email: email("fresh"), role: "MEMBER" }, now);
    const stale = await invite(
      ctxOf(owner),
      { email: email("stale"), role: "AUDITOR" },
      new Date(now.getTime() - INVITATION_TTL_MS - 1000),
    );
    const gone = await invite(ctxOf(owner), { email: email("gone"), role: "MEMBER" }, now);
    await db.invitation.update({
      where: { id: (gone as { invitationId: string }).invitationId },
      data: { revokedAt: now },
    });
    await invite(ctxOf(other), { email: email("theirs"), role: "MEMBER" }, now);

    const rows = await listInvitations(db, { orgId: owner.org.id, now });
    expect(rows.map((row) => row.id).sort()).toEqual(
      [fresh, stale].map((sent) => (sent as { invitationId: string }).invitationId).sort(),
    );
    expect(rows.find((row) => row.email === (stale as { email: string }).email)).toMatchObject({
      expired: true,
      role: "AUDITOR",
      invitedBy: { name: owner.user.name },
    });
    expect(rows.find((row) => row.email === (fresh as { email: string }).email)).toMatchObject({ expired: false });
    expect(JSON.stringify(rows)).not.toMatch(/tokenHash/);
  });
});
