import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { ROLE_PERMISSIONS, type RoleName } from "@/lib/rbac/permissions";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { inviteMember } from "@/lib/members/invite-member";
import { testDb } from "@/lib/testing/database";
import { createOwner, orgContextFor } from "@/lib/testing/factories";
import { enrolTotp } from "@/lib/testing/mfa";
import { sessionCookieFor } from "@/lib/testing/sessions";
import { registeredEntryPoints, type EntryPoint } from "./registry";
import { PROBES_RECORDED_PER_WINDOW } from "./cross-tenant-probes";
import { hitRateLimit } from "@/lib/auth/rate-limit";
import { testBrowser } from "@/lib/testing/test-browser";
import { createEndpoint } from "@/lib/webhooks/create-endpoint";

/**
 * The tenant isolation suite. It loads every module under app/ so that each guarded route handler and
 * server action registers itself, then calls every org-scoped one against an organization as an
 * outsider (another org's owner) and as each role that lacks the permission. A new route or action is
 * covered the moment it exists: nothing here lists them.
 */
const appModules = import.meta.glob(["/app/**/*.ts", "!/app/**/*.test.ts"]);

let db: Db;
let victim: Awaited<ReturnType<typeof createOwner>>;
let orgScoped: EntryPoint[];

beforeAll(async () => {
  db = testDb();
  for (const load of Object.values(appModules)) await load();
  // /api/v1 takes its org from the API key, never from the URL: lib/rest/api-isolation.test.ts covers it.
  orgScoped = registeredEntryPoints().filter(
    (entry) => entry.kind !== "api" && entry.permission !== null && entry.handle,
  );
  victim = await createOwner({ organizationName: "Victim Holdings" });
  await enrolTotp(db, victim.user.id);
}, 180_000);

/** Calls an entry point against an org slug with the given browser cookie; answers status and body text. */
async function call(entry: EntryPoint, orgSlug: string, cookie: string): Promise<{ status: number; body: string }> {
  testBrowser.cookie = cookie;
  if (entry.kind === "route") {
    const response = await entry.handle!(
      new Request(`http://localhost/api/orgs/${orgSlug}/probe`, {
        headers: { cookie, "x-verity-peer-ip": "198.51.100.66" },
      }),
      { params: Promise.resolve({ orgSlug }) },
    );
    return { status: response.status, body: await response.text() };
  }
  const result =
    (await (entry.handle as (slug: string, input: unknown) => Promise<{ ok: boolean; error?: string }>)(orgSlug, {})) ??
    {};
  const status = result.ok
    ? 200
    : /No such organization/.test(result.error ?? "")
      ? 404
      : /does not allow/.test(result.error ?? "")
        ? 403
        : 400;
  return { status, body: JSON.stringify(result) };
}

const deniedEntries = (actorId: string) =>
  db.auditEntry.findMany({
    where: { orgId: victim.org.id, action: "access.denied", actorId },
    orderBy: { seq: "asc" },
  });

describe("tenant isolation", () => {
  it("finds the org-scoped route handlers and server actions through the guard's registry", () => {
    const names = orgScoped.map((entry) => `${entry.kind}:${entry.name}`);
    expect(names).toEqual(
      expect.arrayContaining(["route:audit.entries.list", "action:audit.verify_chain", "action:members.change_role"]),
    );
    expect(orgScoped.length).toBeGreaterThanOrEqual(8);
    console.info(`isolation suite covers ${names.length} entry points: ${names.join(", ")}`);
  });

  it("answers another organization's owner with 404 everywhere, leaks nothing, and records every attempt", async () => {
    const outsider = await createOwner();
    await enrolTotp(db, outsider.user.id);
    const { cookie } = await sessionCookieFor(db, outsider.user.id);
    for (const entry of orgScoped) {
      const { status, body } = await call(entry, victim.org.slug, cookie);
      expect({ entry: entry.name, status }).toEqual({ entry: entry.name, status: 404 });
      expect(body).not.toContain(victim.org.name);
      expect(body).not.toContain(victim.user.email);
    }
    const denied = await deniedEntries(outsider.user.id);
    expect(denied).toHaveLength(orgScoped.length);
    for (const entry of denied) expect(entry.metadata).toMatchObject({ crossTenant: true, reason: "not_a_member" });
    const alerts = await db.auditEntry.count({
      where: { orgId: victim.org.id, action: "security.alert", actorId: outsider.user.id },
    });
    expect(alerts).toBe(1);
  });

  for (const role of ["ADMIN", "MEMBER", "AUDITOR"] as RoleName[]) {
    it(`refuses the ${role.toLowerCase()} role everything outside it, and records each denial`, async () => {
      const person = await createOwner();
      await enrolTotp(db, person.user.id);
      await db.membership.create({ data: { orgId: victim.org.id, userId: person.user.id, role } });
      const { cookie } = await sessionCookieFor(db, person.user.id);
      const forbidden = orgScoped.filter((entry) => !ROLE_PERMISSIONS[role].includes(entry.permission!));
      for (const entry of forbidden) {
        const { status } = await call(entry, victim.org.slug, cookie);
        expect({ entry: entry.name, status }).toEqual({ entry: entry.name, status: 403 });
      }
      const denied = await deniedEntries(person.user.id);
      expect(denied.map((entry) => (entry.metadata as { permission: string }).permission).sort()).toEqual(
        forbidden.map((entry) => entry.permission).sort(),
      );
      for (const entry of denied)
        expect(entry).toMatchObject({ outcome: "denied", metadata: { reason: "missing_permission" } });
    });
  }
});

/**
 * Ids of another organization's objects named through the prober's OWN organization (where the slug
 * check passes): each answers like an unknown id, and the attempt is evidence in the organization it
 * targeted, flagged crossTenant, once per request; the prober's own trail stays silent, so it cannot
 * tell a foreign id from an unknown one.
 */
describe("another organization's ids named through one's own organization", () => {
  type Act = (orgSlug: string, input: unknown) => Promise<{ ok: boolean; code?: string }>;
  let act: Record<string, Act>;
  beforeAll(async () => {
    const members = await import("@/app/[orgSlug]/members/actions");
    const invitations = await import("@/app/[orgSlug]/members/invitation-actions");
    const sessions = await import("@/app/[orgSlug]/security/sessions/actions");
    const webhooks = await import("@/app/[orgSlug]/webhooks/actions");
    act = {
      changeRole: members.changeMemberRoleAction,
      remove: members.removeMemberAction,
      transfer: members.transferOwnershipAction,
      revokeMemberSessions: sessions.revokeMemberSessionsAction,
      resendInvitation: invitations.resendInvitationAction,
      revokeInvitation: invitations.revokeInvitationAction,
      revokeOwnSession: sessions.revokeOwnSessionAction,
      replayDelivery: webhooks.replayWebhookDeliveryAction,
    } as Record<string, Act>;
  });

  const deniedIn = (orgId: string, actorId: string) =>
    db.auditEntry.findMany({ where: { orgId, action: "access.denied", actorId }, orderBy: { seq: "asc" } });

  /** A second-factor owner of their own organization, signed in on the test browser, with an endpoint there. */
  async function prober() {
    const person = await createOwner();
    await enrolTotp(db, person.user.id);
    testBrowser.cookie = (await sessionCookieFor(db, person.user.id)).cookie;
    const { endpoint } = await db.$transaction((tx) =>
      createEndpoint(tx, orgContextFor(person, person.org), { url: "https://hooks.example.test/prober" }),
    );
    return { ...person, endpointId: endpoint.id };
  }

  it("records a foreign member, invitation, session or nested delivery id in the targeted org, flagged, once per request", async () => {
    const target = await createOwner({ organizationName: "Target Works" });
    const invitation = await db.$transaction((tx) =>
      inviteMember({
        ctx: orgContextFor(target, target.org),
        tx,
        input: { email: `x-${crypto.randomUUID().slice(0, 6)}@example.test`, role: "MEMBER" },
      }),
    );
    const { sessionId } = await sessionCookieFor(db, target.user.id);
    await db.$transaction((tx) =>
      createEndpoint(tx, orgContextFor(target, target.org), { url: "https://hooks.example.test/target" }),
    );
    const entry = await db.$transaction((tx) =>
      appendAuditEntry(tx, {
        orgId: target.org.id,
        action: "org.updated",
        actor: { type: "system", id: null, display: "test" },
        metadata: { before: {}, after: {} },
      }),
    );
    const delivery = await db.webhookDelivery.findFirstOrThrow({
      where: { orgId: target.org.id, auditEntryId: entry.id },
    });
    const me = await prober();

    const probes: [string, unknown, string][] = [
      ["changeRole", { userId: target.user.id, role: "MEMBER" }, "not_a_member"],
      ["remove", { userId: target.user.id }, "not_a_member"],
      ["transfer", { userId: target.user.id }, "not_a_member"],
      ["revokeMemberSessions", { userId: target.user.id }, "not_a_member"],
      ["resendInvitation", { invitationId: invitation.invitationId }, "foreign_invitation"],
      ["revokeInvitation", { invitationId: invitation.invitationId }, "foreign_invitation"],
      ["revokeOwnSession", { sessionId }, "foreign_session"],
      ["replayDelivery", { endpointId: me.endpointId, deliveryId: delivery.id }, "foreign_webhook_delivery"],
    ];
    for (const [name, input, reason] of probes) {
      const before = (await deniedIn(target.org.id, me.user.id)).length;
      expect({ name, result: await act[name](me.org.slug, input) }).toMatchObject({
        name,
        result: { ok: false, code: "not_found" },
      });
      const after = await deniedIn(target.org.id, me.user.id);
      expect({ name, recorded: after.length - before }).toEqual({ name, recorded: 1 });
      expect({ name, metadata: after.at(-1)!.metadata }).toMatchObject({
        name,
        metadata: { reason, crossTenant: true },
      });
    }
    // Nothing in the prober's own trail, and nothing was changed or sent in the target.
    expect(await deniedIn(me.org.id, me.user.id)).toEqual([]);
    expect(
      await db.membership.findUniqueOrThrow({
        where: { orgId_userId: { orgId: target.org.id, userId: target.user.id } },
      }),
    ).toMatchObject({ role: "OWNER" });
    expect(await db.session.findUniqueOrThrow({ where: { id: sessionId } })).toMatchObject({ revokedAt: null });
    expect(await db.webhookDelivery.count({ where: { replayOfId: delivery.id } })).toBe(0);
    // Eight requests, one alert: raised by the third.
    expect(
      await db.auditEntry.count({ where: { orgId: target.org.id, action: "security.alert", actorId: me.user.id } }),
    ).toBe(1);
  });

  it("records nothing anywhere for ids that exist in no organization, answering exactly as for foreign ones", async () => {
    const me = await prober();
    const unknown = crypto.randomUUID();
    for (const [name, input] of [
      ["changeRole", { userId: unknown, role: "MEMBER" }],
      ["revokeMemberSessions", { userId: unknown }],
      ["resendInvitation", { invitationId: unknown }],
      ["revokeOwnSession", { sessionId: unknown }],
      ["replayDelivery", { endpointId: me.endpointId, deliveryId: unknown }],
    ] as const) {
      expect({ name, result: await act[name](me.org.slug, input) }).toMatchObject({
        name,
        result: { ok: false, code: "not_found" },
      });
    }
    expect(await db.auditEntry.count({ where: { action: "access.denied", actorId: me.user.id } })).toBe(0);
  });

  it("stops recording a prober's attempts in an organization past the window's budget, and still answers alike", async () => {
    const target = await createOwner({ organizationName: "Flooded Works" });
    const me = await prober();
    const bucket = `cross-tenant-probes:${target.org.id}:user:${me.user.id}`;
    for (let i = 0; i < PROBES_RECORDED_PER_WINDOW; i++)
      await hitRateLimit(db, { key: bucket, limit: PROBES_RECORDED_PER_WINDOW, windowMs: 10 * 60_000 });
    const trailLength = await db.auditEntry.count({ where: { orgId: target.org.id } });
    expect(await act.changeRole(me.org.slug, { userId: target.user.id, role: "MEMBER" })).toMatchObject({
      ok: false,
      code: "not_found",
    });
    expect(await db.auditEntry.count({ where: { orgId: target.org.id } })).toBe(trailLength);
  });

  it("records a colleague's session id in the shared organization, not flagged: the same tenant", async () => {
    const me = await prober();
    const colleague = await createOwner();
    await db.membership.create({ data: { orgId: me.org.id, userId: colleague.user.id, role: "MEMBER" } });
    const { sessionId } = await sessionCookieFor(db, colleague.user.id);
    expect(await act.revokeOwnSession(me.org.slug, { sessionId })).toMatchObject({ ok: false, code: "not_found" });
    const [denial] = await deniedIn(me.org.id, me.user.id);
    expect(denial.metadata).toEqual({ permission: "org.read", reason: "foreign_session" });
    expect(
      await db.auditEntry.count({ where: { orgId: colleague.org.id, action: "access.denied", actorId: me.user.id } }),
    ).toBe(0);
  });
});
