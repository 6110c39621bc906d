import { beforeAll, describe, expect, it } from "vitest";
import { GET as getAlerts } from "@/app/api/v1/security-alerts/route";
import { POST as acknowledge } from "@/app/api/v1/security-alerts/[alertId]/acknowledge/route";
import { POST as resolve } from "@/app/api/v1/security-alerts/[alertId]/resolve/route";
import { GET as getMe } from "@/app/api/v1/me/route";
import { haltIntegration } from "@/lib/audit/integrate/integration-halt";
import { raiseSecurityAlertOnItsOwn } from "@/lib/audit/security-alerts/raise-security-alert";
import { beginSignIn } from "@/lib/auth/sign-in";
import type { Db } from "@/lib/db/client";
import { callApi, createTestKey, type ApiHandler } from "@/lib/testing/api";
import { isPostgres, testDb } from "@/lib/testing/database";
import { createOwner, testContext } from "@/lib/testing/factories";
import { mailNewSecurityAlerts } from "./mail-new-alerts";

let db: Db;
beforeAll(() => {
  db = testDb();
});

type Owner = Awaited<ReturnType<typeof createOwner>>;
const alertsOf = (orgId: string, kind?: string) =>
  db.securityAlert.findMany({ where: { orgId, ...(kind ? { kind } : {}) }, orderBy: { firstSeenAt: "asc" } });
const alertEntries = (orgId: string) =>
  db.auditEntry.findMany({ where: { orgId, action: { startsWith: "security.alert" } }, orderBy: { seq: "asc" } });
const keyFor = async (
  owner: Owner,
  input: Parameters<typeof createTestKey>[3] = { scopes: ["security_alerts.read", "security_alerts.manage"] },
) => (await createTestKey(db, owner, owner.org, input)).key;
const system = { type: "system" as const, id: null, display: "test" };
const probe = (owner: Owner, who: string) =>
  raiseSecurityAlertOnItsOwn(db, {
    orgId: owner.org.id,
    kind: "api_key_new_address",
    subject: { type: "api_key", id: who, display: who },
    groupKey: who,
    entry: { actor: system, metadata: { detail: "test" } },
  });

describe("the security-alert center", () => {
  it("groups repeats of one kind and subject into one alert with a count, and one security.alert entry", async () => {
    const owner = await createOwner();
    const first = await probe(owner, "key-a");
    const second = await probe(owner, "key-a");
    const other = await probe(owner, "key-b");
    expect(second).toEqual({ id: first.id, created: false, count: 2 });
    expect(other.created).toBe(true);
    const alerts = await alertsOf(owner.org.id);
    expect(alerts.map((alert) => [alert.groupKey, alert.count])).toEqual([
      ["key-a", 2],
      ["key-b", 1],
    ]);
    const entries = await alertEntries(owner.org.id);
    expect(entries.map((entry) => (entry.metadata as { alertId: string }).alertId)).toEqual([first.id, other.id]);
    expect(alerts[0].auditEntryIds).toContain(entries[0].id);
  });

  it("concurrent first occurrences make one alert, not several (the group's advisory lock)", async () => {
    const owner = await createOwner();
    // Real concurrency needs PostgreSQL's connections; in-memory PGlite serves one transaction at a time.
    const burst = isPostgres() ? 6 : 2;
    const raised = await Promise.all(Array.from({ length: burst }, () => probe(owner, "key-burst")));
    expect(raised.filter((alert) => alert.created)).toHaveLength(1);
    expect(await alertsOf(owner.org.id)).toMatchObject([{ groupKey: "key-burst", count: burst }]);
    expect(await alertEntries(owner.org.id)).toHaveLength(1);
  });

  it("three wrong passwords raise a failed-sign-in alert; a lockout a high one, mailed to the owners", async () => {
    const owner = await createOwner();
    const context = { ...testContext, ip: `198.51.100.${Math.floor(Math.random() * 250) + 1}` };
    const wrong = () => beginSignIn({ input: { email: owner.user.email, password: "not the password 123" }, context });
    for (let i = 0; i < 2; i++) await wrong();
    expect(await alertsOf(owner.org.id)).toEqual([]);
    await wrong();
    expect(await alertsOf(owner.org.id)).toMatchObject([
      { kind: "repeated_failed_sign_ins", severity: "medium", subjectId: owner.user.id, count: 1 },
    ]);
    for (let i = 0; i < 2; i++) await wrong();
    const lockout = await alertsOf(owner.org.id, "sign_in_lockout");
    expect(lockout).toMatchObject([{ severity: "high", subjectDisplay: owner.user.email, status: "open" }]);
    expect(await mailNewSecurityAlerts(db, { orgId: owner.org.id })).toBe(1);
    expect(await mailNewSecurityAlerts(db, { orgId: owner.org.id })).toBe(0);
    const mail = await db.mailMessage.findMany({ where: { to: owner.user.email, kind: "security_alert" } });
    expect(mail.map((message) => message.subject)).toEqual([`Security alert (high) in ${owner.org.name}`]);
  });

  it("an API key used from a new address raises an alert; a pinned key refused outside its ranges a high one", async () => {
    const owner = await createOwner();
    const key = await keyFor(owner, { scopes: ["security_alerts.read"], allowedCidrs: ["127.0.0.0/8"] });
    expect((await callApi(getMe as ApiHandler, "/me", { key, ip: "127.0.0.1" })).status).toBe(200);
    expect((await callApi(getMe as ApiHandler, "/me", { key, ip: "127.0.0.1" })).status).toBe(200);
    expect(await alertsOf(owner.org.id)).toEqual([]);
    expect((await callApi(getMe as ApiHandler, "/me", { key, ip: "127.0.0.9" })).status).toBe(200);
    expect(await alertsOf(owner.org.id, "api_key_new_address")).toMatchObject([{ severity: "medium", count: 1 }]);
    expect((await callApi(getMe as ApiHandler, "/me", { key, ip: "192.0.2.44" })).status).toBe(403);
    expect((await callApi(getMe as ApiHandler, "/me", { key, ip: "192.0.2.44" })).status).toBe(403);
    const refused = await alertsOf(owner.org.id, "api_key_ip_refused");
    expect(refused).toMatchObject([{ severity: "high", count: 2 }]);
    const denials = await db.auditEntry.findMany({ where: { orgId: owner.org.id, action: "api_key.use_denied" } });
    expect(refused[0].auditEntryIds).toEqual(expect.arrayContaining(denials.map((entry) => entry.id)));
  });

  it("REST lists open alerts; acknowledge and resolve are audited, and a second acknowledge is a 409", async () => {
    const owner = await createOwner();
    const key = await keyFor(owner);
    const { id } = await probe(owner, "key-rest");
    const listed = await callApi(getAlerts as ApiHandler, "/security-alerts", { key });
    expect(listed.status).toBe(200);
    expect(listed.body.data).toMatchObject([{ id, status: "open", count: 1, kind: "api_key_new_address" }]);
    const path = `/security-alerts/${id}`;
    const acked = await callApi(acknowledge as ApiHandler, `${path}/acknowledge`, {
      key,
      method: "POST",
      params: { alertId: id },
      body: { note: "looking into it" },
    });
    expect(acked.status).toBe(200);
    expect(acked.body).toMatchObject({ status: "acknowledged" });
    const again = await callApi(acknowledge as ApiHandler, `${path}/acknowledge`, {
      key,
      method: "POST",
      params: { alertId: id },
      body: {},
    });
    expect(again.status).toBe(409);
    const resolved = await callApi(resolve as ApiHandler, `${path}/resolve`, {
      key,
      method: "POST",
      params: { alertId: id },
      body: {},
    });
    expect(resolved.body).toMatchObject({ status: "resolved" });
    expect((await callApi(getAlerts as ApiHandler, "/security-alerts", { key })).body.data).toEqual([]);
    const trail = (await alertEntries(owner.org.id)).map((entry) => [entry.action, entry.metadata]);
    expect(trail).toMatchObject([
      ["security.alert", { alertId: id }],
      ["security.alert_acknowledged", { alertId: id, note: "looking into it" }],
      ["security.alert_resolved", { alertId: id }],
    ]);
    // Resolved, the next occurrence opens a new alert.
    expect((await probe(owner, "key-rest")).created).toBe(true);
  });

  it("a halted integration raises one critical alert, mailed to the owners", async () => {
    const owner = await createOwner();
    await haltIntegration(db, owner.org.id, {
      seq: 2n,
      kind: "content",
      detail: "entry 2 does not hash to its contentHash",
    });
    const [alert] = await alertsOf(owner.org.id);
    expect(alert).toMatchObject({ kind: "audit_chain_broken", severity: "critical", count: 1, status: "open" });
    const [entry] = await alertEntries(owner.org.id);
    expect(entry.metadata).toMatchObject({ reason: "audit_chain_broken", seq: "2", alertId: alert.id });
    expect(await mailNewSecurityAlerts(db, { orgId: owner.org.id })).toBe(1);
  });

  it("another organization's alert answers 404, and three such probes raise a cross-tenant alert there", async () => {
    const victim = await createOwner();
    const prober = await createOwner();
    const { id } = await probe(victim, "key-victim");
    const key = await keyFor(prober);
    for (let i = 0; i < 3; i++) {
      const answer = await callApi(acknowledge as ApiHandler, `/security-alerts/${id}/acknowledge`, {
        key,
        method: "POST",
        params: { alertId: id },
        body: {},
      });
      expect(answer.status).toBe(404);
    }
    expect((await db.securityAlert.findUniqueOrThrow({ where: { id } })).status).toBe("open");
    const probes = await alertsOf(victim.org.id, "repeated_cross_tenant_attempts");
    expect(probes).toMatchObject([{ severity: "high", count: 1 }]);
    expect(await alertsOf(prober.org.id)).toEqual([]);
  });
});
