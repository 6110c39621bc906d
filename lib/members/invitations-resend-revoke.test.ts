import { beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "@/lib/crypto/tokens";
import type { Db } from "@/lib/db/client";
import type { OrgContext } from "@/lib/context";
import { listOutboxMessages } from "@/lib/mail";
import { ROLE_PERMISSIONS, type RoleName } from "@/lib/rbac/permissions";
import { testDb } from "@/lib/testing/database";
import { createOwner, testContext } from "@/lib/testing/factories";
import { steppedUp } from "@/lib/testing/step-up";
import { INVITATION_TTL_MS, inviteMember, type InvitationSent } from "./invite-member";
import { resendInvitation } from "./resend-invitation";
import { revokeInvitation } from "./revoke-invitation";

let db: Db;
beforeAll(() => {
  db = testDb();
});

type Owner = Awaited<ReturnType<typeof createOwner>>;
function ctxOf({ user, org }: Owner, role: RoleName = "OWNER"): OrgContext {
  return {
    principal: { type: "user", userId: user.id, sessionId: crypto.randomUUID(), email: user.email, name: user.name },
    org: { id: org.id, slug: org.slug, name: org.name },
    role,
    permissions: ROLE_PERMISSIONS[role],
    request: testContext,
  };
}

const inTx = <T>(run: (tx: Parameters<Parameters<Db["$transaction"]>[0]>[0]) => Promise<T>) => db.$transaction(run);
const invite = async (ctx: OrgContext, role: RoleName = "MEMBER", now?: Date) =>
  (await inTx((tx) =>
    inviteMember({ ctx, tx, input: { email: `p-${crypto.randomUUID().slice(0, 8)}@example.test`, role }, now }),
  )) as InvitationSent;
const resend = (ctx: OrgContext, invitationId: string, now?: Date) =>
  inTx((tx) => resendInvitation({ ctx, tx, input: { invitationId }, now }));
const revoke = (ctx: OrgContext, invitationId: string) =>
  inTx((tx) => revokeInvitation({ ctx, tx, input: { invitationId } }));
/** Oldest first, each as it read when `now` (a mail whose link has expired has no body left to read). */
const tokensMailedTo = async (to: string, now?: Date) =>
  (await listOutboxMessages({ db, to, now }))
    .reverse()
    .map((mail) => /\/invitations\/([A-Za-z0-9_-]{43})/.exec(mail.text!)![1]);

describe("resending an invitation", () => {
  it("issues a new link and a new 7-day expiry, kills the old link and records member.invited resent", async () => {
    const owner = await createOwner();
    const sentAt = new Date(Date.now() - INVITATION_TTL_MS - 60_000);
    const sent = await invite(ctxOf(owner), "MEMBER", sentAt); // already expired
    const later = new Date();
    expect(await resend(ctxOf(owner), sent.invitationId, later)).toMatchObject({
      invitationId: sent.invitationId,
      expiresAt: new Date(later.getTime() + INVITATION_TTL_MS),
    });

    const [first, second] = await tokensMailedTo(sent.email, sentAt);
    expect(second).toBeDefined();
    const row = await db.invitation.findUniqueOrThrow({ where: { id: sent.invitationId } });
    expect(row.tokenHash).toBe(hashToken(second));
    expect(row.tokenHash).not.toBe(hashToken(first));
    expect(row.lastSentAt).toEqual(later);
    const entry = await db.auditEntry.findFirstOrThrow({
      where: { orgId: owner.org.id, action: "member.invited", targetId: sent.invitationId },
      orderBy: { seq: "desc" },
    });
    expect(entry.metadata).toEqual({ email: sent.email, role: "MEMBER", resent: true });
  });

  it("lets only an owner resend an owner's invitation, and only after a recent step-up (a new link to become an owner)", async () => {
    const owner = await createOwner();
    const confirmed = await steppedUp(db, ctxOf(owner));
    const sent = await invite(confirmed, "OWNER");
    await expect(resend(ctxOf(owner, "ADMIN"), sent.invitationId)).rejects.toMatchObject({
      code: "forbidden",
      denial: { permission: "members.invite", reason: "owner_invite_requires_owner" },
    });
    const mails = await db.mailMessage.count({ where: { to: sent.email } });
    await expect(resend(ctxOf(owner), sent.invitationId)).rejects.toMatchObject({ code: "step_up_required" });
    expect(await db.mailMessage.count({ where: { to: sent.email } })).toBe(mails);
    await resend(confirmed, sent.invitationId);
    expect(await db.mailMessage.count({ where: { to: sent.email } })).toBe(mails + 1);
  });
});

describe("revoking an invitation", () => {
  it("stops the invitation and records invitation.revoked; a second revoke is a conflict", async () => {
    const owner = await createOwner();
    const sent = await invite(ctxOf(owner), "AUDITOR");
    expect(await revoke(ctxOf(owner, "ADMIN"), sent.invitationId)).toEqual({
      invitationId: sent.invitationId,
      email: sent.email,
    });
    expect((await db.invitation.findUniqueOrThrow({ where: { id: sent.invitationId } })).revokedAt).not.toBeNull();
    const entry = await db.auditEntry.findFirstOrThrow({
      where: { orgId: owner.org.id, action: "invitation.revoked", targetId: sent.invitationId },
    });
    expect(entry.metadata).toEqual({ email: sent.email, role: "AUDITOR" });
    await expect(revoke(ctxOf(owner), sent.invitationId)).rejects.toMatchObject({ code: "conflict" });
    await expect(resend(ctxOf(owner), sent.invitationId)).rejects.toMatchObject({ code: "conflict" });
  });
});

describe("another organization's invitation id (cross-tenant BOLA)", () => {
  it("answers not_found to resend and revoke, changes nothing, and records the probe flagged", async () => {
    const victim = await createOwner();
    const attacker = await createOwner();
    const sent = await invite(ctxOf(victim));
    const before = await db.invitation.findUniqueOrThrow({ where: { id: sent.invitationId } });
    const mails = await db.mailMessage.count({ where: { to: sent.email } });

    // A probe: refused like an unknown id, carrying the denial the guard records (lib/guard/org-action.test.ts).
    const probe = {
      code: "not_found",
      status: 404,
      denial: {
        permission: "members.invite",
        reason: "foreign_invitation",
        crossTenant: true,
        targetOrgId: victim.org.id,
      },
    };
    await expect(resend(ctxOf(attacker), sent.invitationId)).rejects.toMatchObject(probe);
    await expect(revoke(ctxOf(attacker), sent.invitationId)).rejects.toMatchObject(probe);
    expect(await db.invitation.findUniqueOrThrow({ where: { id: sent.invitationId } })).toEqual(before);
    expect(await db.mailMessage.count({ where: { to: sent.email } })).toBe(mails);
    expect(
      await db.auditEntry.count({
        where: { orgId: victim.org.id, targetId: sent.invitationId, action: { not: "member.invited" } },
      }),
    ).toBe(0);
  });

  it("answers an unknown id exactly like a foreign one", async () => {
    const owner = await createOwner();
    const unknown = crypto.randomUUID();
    await expect(resend(ctxOf(owner), unknown)).rejects.toMatchObject({
      code: "not_found",
      message: "No such invitation.",
    });
    await expect(revoke(ctxOf(owner), unknown)).rejects.toMatchObject({
      code: "not_found",
      message: "No such invitation.",
    });
  });
});
