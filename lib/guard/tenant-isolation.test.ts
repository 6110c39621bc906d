import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db/client";
import { ROLE_PERMISSIONS, type RoleName } from "@/lib/rbac/permissions";
import { testDb } from "@/lib/testing/database";
import { createOwner } from "@/lib/testing/factories";
import { enrolTotp } from "@/lib/testing/mfa";
import { sessionCookieFor } from "@/lib/testing/sessions";
import { registeredEntryPoints, type EntryPoint } from "./registry";
import { testBrowser } from "@/lib/testing/test-browser";

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
  orgScoped = registeredEntryPoints().filter((entry) => entry.kind !== "api" && entry.permission !== null && entry.handle);
  victim = await createOwner({ organizationName: "Victim Holdings" });
  await enrolTotp(db, victim.user.id);
}, 180_000);

/** Calls an entry point against an org slug with the given browser cookie; answers status and body text. */
async function call(entry: EntryPoint, orgSlug: string, cookie: string): Promise<{ status: number; body: string }> {
  testBrowser.cookie = cookie;
  if (entry.kind === "route") {
    const response = await entry.handle!(
      new Request(`http://localhost/api/orgs/${orgSlug}/probe`, { headers: { cookie, "x-verity-peer-ip": "198.51.100.66" } }),
      { params: Promise.resolve({ orgSlug }) },
    );
    return { status: response.status, body: await response.text() };
  }
  const result = (await (entry.handle as (slug: string, input: unknown) => Promise<{ ok: boolean; error?: string }>)(orgSlug, {})) ?? {};
  const status = result.ok ? 200 : /No such organization/.test(result.error ?? "") ? 404 : /does not allow/.test(result.error ?? "") ? 403 : 400;
  return { status, body: JSON.stringify(result) };
}

const deniedEntries = (actorId: string) =>
  db.auditEntry.findMany({ where: { orgId: victim.org.id, action: "access.denied", actorId }, orderBy: { seq: "asc" } });

describe("tenant isolation", () => {
  it("finds the org-scoped route handlers and server actions through the guard's registry", () => {
    const names = orgScoped.map((entry) => `${entry.kind}:${entry.name}`);
    expect(names).toEqual(expect.arrayContaining(["route:audit.entries.list", "action:audit.verify_chain", "action:members.change_role"]));
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
    const alerts = await db.auditEntry.count({ where: { orgId: victim.org.id, action: "security.alert", actorId: outsider.user.id } });
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
      expect(denied.map((entry) => (entry.metadata as { permission: string }).permission).sort()).toEqual(forbidden.map((entry) => entry.permission).sort());
      for (const entry of denied) expect(entry).toMatchObject({ outcome: "denied", metadata: { reason: "missing_permission" } });
    });
  }
});
