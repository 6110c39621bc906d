import { beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "@/lib/crypto/tokens";
import type { Db } from "@/lib/db/client";
import type { OrgContext } from "@/lib/context";
import { listOutboxMessages } from "@/lib/mail";
import { ROLE_PERMISSIONS, type RoleName } from "@/lib/rbac/permissions";
import { testDb } from "@/lib/testing/database";
import { createOwner, testContext } from "@/lib/testing/factories";
import { copyInvitationLink } from "./copy-invitation-link";
import { inviteMember, type InvitationSent } from "./invite-member";

let db: Db;
beforeAll(() => {
  db = testDb();
});

type Owner = Awaited<ReturnType<typeof createOwner>>;
function ctxOf({ user }: Owner, { org }: Owner, role: RoleName = "OWNER"): OrgContext {
  return {
    principal: { type: "user", userId: user.id, sessionId: crypto.randomUUID(), email: user.email, name: user.name },
    org: { id: org.id, slug: org.slug, name: org.name },
    role,
    permissions: ROLE_PERMISSIONS[role],
    request: testContext,
  };
}

const inTx = <T>(run: (tx: Parameters<Parameters<Db["$transaction"]>[0]>[0]) => Promise<T>) => db.$transaction(run);
const invite = async (ctx: OrgContext) =>
  (await inTx((tx) =>
    inviteMember({ ctx, tx, input: { email: `c-${crypto.randomUUID().slice(0, 8)}@example.test`, role: "MEMBER" } }),
  )) as InvitationSent;
const copy = (ctx: OrgContext, invitationId: string) =>
  inTx((tx) => copyInvitationLink({ ctx, tx, input: { invitationId } }));

describe("copying an invitation's link", () => {
  it("mints a new link for the inviter, ends the mailed one, and records the minting without the link", async () => {
    const owner = await createOwner();
    const sent = await invite(ctxOf(owner, owner));
    const [mail] = await listOutboxMessages({ db, to: sent.email });
    const mailed = /\/invitations\/([A-Za-z0-9_-]{43})/.exec(mail.text!)![1];

    const copied = await copy(ctxOf(owner, owner), sent.invitationId);
    const token = /\/invitations\/([A-Za-z0-9_-]{43})$/.exec(copied.link)![1];
    expect(token).not.toBe(mailed);
    const row = await db.invitation.findUniqueOrThrow({ where: { id: sent.invitationId } });
    // Only the new token's hash is stored: the database holds nothing that opens the link.
    expect(row.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token);

    const entry = await db.auditEntry.findFirstOrThrow({
      where: { orgId: owner.org.id, action: "invitation.link_copied", targetId: sent.invitationId },
    });
    expect(entry.metadata).toEqual({ email: sent.email, role: "MEMBER" });
    expect(JSON.stringify(entry, (_, value) => (typeof value === "bigint" ? String(value) : value))).not.toContain(
      token,
    );
    // No mail is written: the inviter hands the link over.
    expect(await listOutboxMessages({ db, to: sent.email })).toHaveLength(1);
  });

  it("is refused to anyone but the inviter, and to another organization", async () => {
    const owner = await createOwner();
    const colleague = await createOwner();
    const sent = await invite(ctxOf(owner, owner));
    const before = await db.invitation.findUniqueOrThrow({ where: { id: sent.invitationId } });
    await expect(copy(ctxOf(colleague, owner, "ADMIN"), sent.invitationId)).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(copy(ctxOf(colleague, colleague), sent.invitationId)).rejects.toMatchObject({ code: "not_found" });
    const after = await db.invitation.findUniqueOrThrow({ where: { id: sent.invitationId } });
    expect(after.tokenHash).toBe(before.tokenHash); // the mailed link still works
  });
});
