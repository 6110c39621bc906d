import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { effectivePermissions } from "@/lib/rbac/effective-permissions";
import { createTestKey } from "@/lib/testing/api";
import { testDb } from "@/lib/testing/database";
import { createOwner } from "@/lib/testing/factories";
import { sessionCookieFor } from "@/lib/testing/sessions";
import { loadPersonalLanding } from "./landing";

let db: Db;
beforeAll(() => {
  db = testDb();
});

describe("the dashboard's personal landing", () => {
  it("shows a member their own live keys with last use, their sessions, and who the owners and admins are", async () => {
    const { user: owner, org } = await createOwner({ name: "Olive Owner" });
    const member = await createOwner({ name: "Milo Member" });
    const admin = await createOwner({ name: "Ada Admin" });
    await db.membership.create({ data: { orgId: org.id, userId: member.user.id, role: "MEMBER" } });
    await db.membership.create({ data: { orgId: org.id, userId: admin.user.id, role: "ADMIN" } });
    const mine = await createTestKey(
      db,
      member,
      org,
      { name: "ci deploys", scopes: ["members.read"], readOnly: true },
      "MEMBER",
    );
    await db.apiKey.update({
      where: { id: mine.apiKey.id },
      data: { lastUsedAt: new Date("2026-12-01T10:00:00Z"), lastUsedIp: "198.51.100.4" },
    });
    const revoked = await createTestKey(
      db,
      member,
      org,
      { name: "old", scopes: ["members.read"], readOnly: true },
      "MEMBER",
    );
    await db.apiKey.update({ where: { id: revoked.apiKey.id }, data: { revokedAt: new Date() } });
    await createTestKey(db, { user: owner }, org, { name: "owner's key", scopes: ["members.read"], readOnly: true });
    const { sessionId } = await sessionCookieFor(db, member.user.id);

    const landing = await loadPersonalLanding(db, {
      orgId: org.id,
      userId: member.user.id,
      sessionId,
      permissions: effectivePermissions("MEMBER"),
    });
    // Only their own live key: not the revoked one, not the owner's.
    expect(landing.keys).toEqual([
      expect.objectContaining({
        name: "ci deploys",
        lastUsedIp: "198.51.100.4",
        lastUsedAt: new Date("2026-12-01T10:00:00Z"),
      }),
    ]);
    expect(JSON.stringify(landing.keys)).not.toMatch(/keyHash|key_hash/);
    expect(landing.sessions).toEqual([expect.objectContaining({ id: sessionId, current: true })]);
    expect(landing.admins.map(({ name, role, you }) => ({ name, role, you }))).toEqual([
      { name: "Olive Owner", role: "OWNER", you: false },
      { name: "Ada Admin", role: "ADMIN", you: false },
    ]);
  });

  it("has no key list for a role that cannot see keys (auditor)", async () => {
    const { org } = await createOwner();
    const auditor = await createOwner();
    await db.membership.create({ data: { orgId: org.id, userId: auditor.user.id, role: "AUDITOR" } });
    const { sessionId } = await sessionCookieFor(db, auditor.user.id);
    const landing = await loadPersonalLanding(db, {
      orgId: org.id,
      userId: auditor.user.id,
      sessionId,
      permissions: effectivePermissions("AUDITOR"),
    });
    expect(landing.keys).toBeNull();
    expect(landing.sessionCount).toBe(1);
    // Without members.read, the owners and admins by name only: no email address.
    expect(effectivePermissions("AUDITOR")).not.toContain("members.read");
    expect(landing.admins).toHaveLength(1);
    expect(landing.admins.every((admin) => admin.email === null && admin.name.length > 0)).toBe(true);
    expect(JSON.stringify(landing)).not.toContain("@");
  });
});
