import { beforeAll, describe, expect, it } from "vitest";
import type { Principal } from "@/lib/context";
import type { Db } from "@/lib/db/client";
import { resolveOrgAccess } from "@/lib/guard/org-access";
import { testDb } from "@/lib/testing/database";
import { createOwner, orgContextFor, testContext } from "@/lib/testing/factories";
import { enrolTotp } from "@/lib/testing/mfa";
import { grantStaff, revokeStaff } from "./grant-staff";
import { approveSupportSession, endSupportSessionNow, updateSupportPolicy } from "./owner-support-session";
import { requestSupportSession } from "./request-support-session";
import { renewSupportSession, startSupportSession } from "./staff-support-session";

let db: Db;
beforeAll(() => {
  db = testDb();
});

const staffRequest = { ip: "192.0.2.44", userAgent: "staff-browser/1.0", geo: null, requestId: "req-staff" };
const justification = "Customer ticket 4711: webhook deliveries failing since Monday";

/** A platform staff member (with a second factor) and an organization they do not belong to. */
async function staffAndOrg() {
  const staffAccount = await createOwner();
  await enrolTotp(db, staffAccount.user.id);
  await grantStaff({ db, email: staffAccount.user.email, operator: "ops@test" });
  const customer = await createOwner();
  const staff: Principal = {
    type: "user",
    userId: staffAccount.user.id,
    sessionId: "s",
    email: staffAccount.user.email,
    name: staffAccount.user.name,
  };
  return { staff, customer };
}

const access = (staff: Principal, slug: string) => resolveOrgAccess(staff, slug, "org.read", staffRequest);
const entries = (orgId: string) =>
  db.auditEntry.findMany({ where: { orgId, action: { startsWith: "staff_access." } }, orderBy: { seq: "asc" } });

describe("support sessions", () => {
  it("gives staff without a session the same 404 as an organization that does not exist", async () => {
    const { staff, customer } = await staffAndOrg();
    const unknown = await access(staff, "no-such-org-at-all").catch((error) => error);
    const refused = await access(staff, customer.org.slug).catch((error) => error);
    expect(refused.code).toBe("not_found");
    expect(refused.message).toBe(unknown.message);
  });

  it("needs a written justification, and only staff may ask", async () => {
    const { staff, customer } = await staffAndOrg();
    const input = { orgSlug: customer.org.slug, justification: "because" };
    await expect(requestSupportSession({ db, staff, input, request: staffRequest })).rejects.toThrow(/at least 20/);
    const outsider = { ...staff, userId: customer.user.id, email: customer.user.email };
    const asOutsider = { db, staff: outsider, input: { ...input, justification }, request: staffRequest };
    await expect(requestSupportSession(asOutsider)).rejects.toMatchObject({ code: "not_found" });
  });

  it("opens the org read-only at once without a policy, mails its owners, and records every read in its trail", async () => {
    const { staff, customer } = await staffAndOrg();
    const input = { orgSlug: customer.org.slug, justification };
    const session = await requestSupportSession({ db, staff, input, request: staffRequest });
    expect(session.state).toBe("active");
    const ctx = await access(staff, customer.org.slug);
    expect(ctx.support).toMatchObject({ sessionId: session.id, justification });
    const trail = await entries(customer.org.id);
    expect(trail.map((entry) => entry.action)).toEqual([
      "staff_access.requested",
      "staff_access.started",
      "staff_access.viewed",
    ]);
    for (const entry of trail) {
      expect(entry).toMatchObject({ actorId: staff.userId, ip: staffRequest.ip, userAgent: staffRequest.userAgent });
      expect(entry.metadata).toMatchObject({
        staffAccess: true,
        staffEmail: staff.email,
        justification,
        targetOrg: customer.org.slug,
        supportSessionId: session.id,
      });
    }
    const again = requestSupportSession({ db, staff, input, request: staffRequest });
    await expect(again).rejects.toMatchObject({ code: "conflict" });
    const mail = await db.mailMessage.findMany({ where: { to: customer.user.email, kind: "staff_access_started" } });
    expect(mail).toHaveLength(1);
    const alerts = await db.securityAlert.findMany({ where: { orgId: customer.org.id } });
    expect(alerts).toMatchObject([
      { kind: "staff_support_session", severity: "medium", status: "open", subjectDisplay: staff.email, count: 1 },
    ]);
  });

  it("with the approval policy, gives no access until an owner approves and the staff member starts", async () => {
    const { staff, customer } = await staffAndOrg();
    const owner = orgContextFor(customer, customer.org);
    await db.$transaction((tx) => updateSupportPolicy(tx, owner, { approvalRequired: true }));
    const input = { orgSlug: customer.org.slug, justification };
    const session = await requestSupportSession({ db, staff, input, request: staffRequest });
    expect(session.state).toBe("pending");
    const asked = await db.mailMessage.count({ where: { to: customer.user.email, kind: "staff_access_requested" } });
    expect(asked).toBe(1);
    await expect(access(staff, customer.org.slug)).rejects.toMatchObject({ code: "not_found" });
    const start = { db, staff, input: { sessionId: session.id }, request: staffRequest };
    await expect(startSupportSession(start)).rejects.toMatchObject({ code: "conflict" });
    await db.$transaction((tx) => approveSupportSession(tx, owner, { sessionId: session.id }));
    await expect(access(staff, customer.org.slug)).rejects.toMatchObject({ code: "not_found" });
    await expect(
      startSupportSession({ ...start, now: new Date(Date.now() + 25 * 60 * 60 * 1000) }),
    ).rejects.toMatchObject({ code: "conflict" });
    await startSupportSession(start);
    await expect(access(staff, customer.org.slug)).resolves.toMatchObject({ support: { sessionId: session.id } });
    const approved = (await entries(customer.org.id)).find((entry) => entry.action === "staff_access.approved");
    expect(approved).toMatchObject({ actorId: customer.user.id, metadata: { staffEmail: staff.email, justification } });
  });

  it("ends after an hour unless renewed; an owner or a revocation ends it at once", async () => {
    const { staff, customer } = await staffAndOrg();
    const input = { orgSlug: customer.org.slug, justification };
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    const old = await requestSupportSession({ db, staff, input, request: staffRequest, now: twoHoursAgo });
    await expect(access(staff, customer.org.slug)).rejects.toMatchObject({ code: "not_found" });
    const renewOld = { db, staff, input: { sessionId: old.id }, request: staffRequest };
    await expect(renewSupportSession(renewOld)).rejects.toMatchObject({ code: "conflict" });

    const fiftyMinutesAgo = new Date(Date.now() - 50 * 60 * 1000);
    const live = await requestSupportSession({ db, staff, input, request: staffRequest, now: fiftyMinutesAgo });
    const renewLive = { db, staff, input: { sessionId: live.id }, request: staffRequest };
    await renewSupportSession({ ...renewLive, now: new Date(Date.now() - 5 * 60 * 1000) });
    const renewed = await db.supportSession.findUniqueOrThrow({ where: { id: live.id } });
    expect(renewed.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 50 * 60 * 1000);
    await expect(access(staff, customer.org.slug)).resolves.toBeTruthy();

    await db.$transaction((tx) =>
      endSupportSessionNow(tx, orgContextFor(customer, customer.org), { sessionId: live.id }),
    );
    await expect(access(staff, customer.org.slug)).rejects.toMatchObject({ code: "not_found" });
    const ended = (await entries(customer.org.id)).filter((entry) => entry.action === "staff_access.ended");
    expect(ended).toMatchObject([{ actorId: customer.user.id, metadata: { endedBy: "owner", justification } }]);

    await requestSupportSession({ db, staff, input, request: staffRequest });
    await expect(access(staff, customer.org.slug)).resolves.toBeTruthy();
    await revokeStaff({ db, email: staff.email, operator: "ops@test" });
    await expect(access(staff, customer.org.slug)).rejects.toMatchObject({ code: "not_found" });
  });

  it("keeps staff out of orgs other than the session's, and needs the staff member's second factor", async () => {
    const { staff, customer } = await staffAndOrg();
    const other = await createOwner();
    await requestSupportSession({
      db,
      staff,
      input: { orgSlug: customer.org.slug, justification },
      request: testContext,
    });
    await expect(access(staff, other.org.slug)).rejects.toMatchObject({ code: "not_found" });
    await db.user.update({ where: { id: staff.userId }, data: { totpEnabledAt: null } });
    await expect(access(staff, customer.org.slug)).rejects.toMatchObject({ code: "mfa_required" });
  });
});
