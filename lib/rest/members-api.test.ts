import { beforeAll, describe, expect, it } from "vitest";
import { DELETE as removeMember, PATCH as changeRole } from "@/app/api/v1/members/[userId]/route";
import { POST as inviteMember } from "@/app/api/v1/members/route";
import { GET as getOrg, PATCH as updateOrg } from "@/app/api/v1/org/route";
import type { Db } from "@/lib/db/client";
import type { Permission } from "@/lib/rbac/permissions";
import { callApi, createTestKey } from "@/lib/testing/api";
import { testDb } from "@/lib/testing/database";
import { createOwner } from "@/lib/testing/factories";

let db: Db;
beforeAll(() => {
  db = testDb();
});

const MANAGE: Permission[] = [
  "org.read",
  "org.update",
  "members.read",
  "members.invite",
  "members.update",
  "members.remove",
];

/** An organization with an owner, a member and an owner's key holding the member and settings scopes. */
async function team() {
  const owner = await createOwner();
  const member = await createOwner();
  await db.membership.create({ data: { orgId: owner.org.id, userId: member.user.id, role: "MEMBER" } });
  const { key } = await createTestKey(db, owner, owner.org, { scopes: MANAGE });
  return { owner, member, key };
}

const entries = (orgId: string, action: string) => db.auditEntry.findMany({ where: { orgId, action } });

describe("members over REST", () => {
  it("invites, changes a role and removes with the panel's rules, each on the record with the key as actor", async () => {
    const { owner, member, key } = await team();
    const invited = await callApi(inviteMember, "/members", {
      key,
      method: "POST",
      body: { email: "new.person@example.test", role: "AUDITOR" },
    });
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({ email: "new.person@example.test", role: "AUDITOR" });
    expect(Object.keys(invited.body).sort()).toEqual(["email", "expiresAt", "invitationId", "role"]);
    const again = await callApi(inviteMember, "/members", {
      key,
      method: "POST",
      body: { email: "new.person@example.test", role: "AUDITOR" },
    });
    expect(again.status).toBe(409);
    expect(again.headers.get("content-type")).toContain("application/problem+json");

    const promoted = await callApi(changeRole, `/members/${member.user.id}`, {
      key,
      method: "PATCH",
      params: { userId: member.user.id },
      body: { role: "ADMIN" },
    });
    expect(promoted.body).toEqual({ userId: member.user.id, role: "ADMIN" });
    const removed = await callApi(removeMember, `/members/${member.user.id}`, {
      key,
      method: "DELETE",
      params: { userId: member.user.id },
    });
    expect(removed.body).toEqual({ userId: member.user.id, removed: true });
    expect(await db.membership.count({ where: { orgId: owner.org.id, userId: member.user.id } })).toBe(0);

    for (const action of ["member.invited", "member.role_changed", "member.removed"]) {
      const [entry] = await entries(owner.org.id, action);
      expect(entry, action).toBeDefined();
      expect(entry.actorType).toBe("api_key");
    }
    const [changed] = await entries(owner.org.id, "member.role_changed");
    expect(changed.metadata).toEqual({ from: "MEMBER", to: "ADMIN" });
  });

  it("refuses what needs a person in the panel, another organization's member and bad input, changing nothing", async () => {
    const { owner, member, key } = await team();
    const stranger = await createOwner();
    const ownerInvite = await callApi(inviteMember, "/members", {
      key,
      method: "POST",
      body: { email: "boss@example.test", role: "OWNER" },
    });
    expect(ownerInvite.status).toBe(403);
    expect(ownerInvite.body.detail).toMatch(/an API key cannot do it/);
    const toOwner = await callApi(changeRole, `/members/${member.user.id}`, {
      key,
      method: "PATCH",
      params: { userId: member.user.id },
      body: { role: "OWNER" },
    });
    expect(toOwner.status).toBe(403);
    const removeOwner = await callApi(removeMember, `/members/${owner.user.id}`, {
      key,
      method: "DELETE",
      params: { userId: owner.user.id },
    });
    expect(removeOwner.status).toBe(409); // "leave the organization" instead: the key's holder is that owner
    const foreign = await callApi(changeRole, `/members/${stranger.user.id}`, {
      key,
      method: "PATCH",
      params: { userId: stranger.user.id },
      body: { role: "ADMIN" },
    });
    expect(foreign.status).toBe(404);
    const badRole = await callApi(changeRole, `/members/${member.user.id}`, {
      key,
      method: "PATCH",
      params: { userId: member.user.id },
      body: { role: "EMPEROR" },
    });
    expect(badRole.status).toBe(400);
    expect(badRole.headers.get("content-type")).toContain("application/problem+json");
    const badId = await callApi(removeMember, "/members/nope", { key, method: "DELETE", params: { userId: "nope" } });
    expect(badId.status).toBe(400);

    const roles = await db.membership.findMany({ where: { orgId: owner.org.id }, select: { role: true } });
    expect(roles.map(({ role }) => role).sort()).toEqual(["MEMBER", "OWNER"]);
    expect(await db.invitation.count({ where: { orgId: owner.org.id } })).toBe(0);
    expect(await db.membership.count({ where: { orgId: stranger.org.id } })).toBe(1);
  });

  it("needs the scope for each operation", async () => {
    const { owner, member } = await team();
    const { key } = await createTestKey(db, owner, owner.org, { scopes: ["members.read"] });
    const refused = await callApi(changeRole, `/members/${member.user.id}`, {
      key,
      method: "PATCH",
      params: { userId: member.user.id },
      body: { role: "ADMIN" },
    });
    expect(refused.status).toBe(403);
    expect((await db.membership.findFirst({ where: { orgId: owner.org.id, userId: member.user.id } }))?.role).toBe(
      "MEMBER",
    );
  });
});

describe("the organization over REST", () => {
  it("reads the settings and changes only the fields given, recording only what changed", async () => {
    const { owner, key } = await team();
    const read = await callApi(getOrg, "/org", { key });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: owner.org.id, name: owner.org.name, slug: owner.org.slug });
    expect(read.body.featureFlags).toMatchObject({ audit_export_gzip: false });

    const patched = await callApi(updateOrg, "/org", {
      key,
      method: "PATCH",
      body: { name: "Renamed Ltd", featureFlags: { audit_export_gzip: true } },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: "Renamed Ltd", slug: owner.org.slug });
    expect(patched.body.featureFlags.audit_export_gzip).toBe(true);
    const [updated] = await entries(owner.org.id, "org.updated");
    expect(updated.metadata).toEqual({
      before: { name: owner.org.name, featureFlags: { audit_export_gzip: false } },
      after: { name: "Renamed Ltd", featureFlags: { audit_export_gzip: true } },
    });
    const same = await callApi(updateOrg, "/org", { key, method: "PATCH", body: { name: "Renamed Ltd" } });
    expect(same.status).toBe(200);
    expect(await entries(owner.org.id, "org.updated")).toHaveLength(1);
  });

  it("answers 400 for bad values and 409 for a slug that is taken, changing nothing", async () => {
    const { owner, key } = await team();
    const other = await createOwner();
    const cases = [
      [{}, 400],
      [{ featureFlags: { made_up: true } }, 400],
      [{ brandColor: "red" }, 400],
      [{ slug: "Not A Slug" }, 400],
      [{ plan: "free" }, 400],
      [{ slug: other.org.slug }, 409],
    ] as const;
    for (const [body, status] of cases) {
      const answer = await callApi(updateOrg, "/org", { key, method: "PATCH", body });
      expect(answer.status, JSON.stringify(body)).toBe(status);
      expect(answer.headers.get("content-type")).toContain("application/problem+json");
    }
    expect(await entries(owner.org.id, "org.updated")).toHaveLength(0);
    expect((await db.organization.findUniqueOrThrow({ where: { id: owner.org.id } })).slug).toBe(owner.org.slug);
  });
});
