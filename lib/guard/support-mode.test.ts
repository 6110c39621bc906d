import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { grantStaff } from "@/lib/staff/grant-staff";
import { requestSupportSession } from "@/lib/staff/request-support-session";
import { testDb } from "@/lib/testing/database";
import { createOwner } from "@/lib/testing/factories";
import { enrolTotp } from "@/lib/testing/mfa";
import { sessionCookieFor } from "@/lib/testing/sessions";
import { testBrowser } from "@/lib/testing/test-browser";
import { registeredEntryPoints, type EntryPoint } from "./registry";

/**
 * Support mode can never write. Like the tenant isolation suite, this loads every module under app/ so each
 * guarded route handler and server action registers itself, then calls every org-scoped server action, and
 * every route handler with a method that changes things, as platform staff in a live support session.
 */
const appModules = import.meta.glob(["/app/**/*.ts", "!/app/**/*.test.ts"]);

let db: Db;
let orgScoped: EntryPoint[];
let customer: Awaited<ReturnType<typeof createOwner>>;
let staff: Awaited<ReturnType<typeof createOwner>>;
let cookie: string;

beforeAll(async () => {
  db = testDb();
  for (const load of Object.values(appModules)) await load();
  orgScoped = registeredEntryPoints().filter(
    (entry) => entry.kind !== "api" && entry.permission !== null && entry.handle,
  );
  customer = await createOwner({ organizationName: "Supported Ltd" });
  staff = await createOwner();
  await enrolTotp(db, staff.user.id);
  await grantStaff({ db, email: staff.user.email, operator: "ops@test" });
  const principal = {
    type: "user",
    userId: staff.user.id,
    sessionId: "s",
    email: staff.user.email,
    name: "Staff",
  } as const;
  const input = { orgSlug: customer.org.slug, justification: "Investigating a customer's billing ticket 99" };
  await requestSupportSession({
    db,
    staff: principal,
    input,
    request: { ip: null, userAgent: null, geo: null, requestId: null },
  });
  cookie = (await sessionCookieFor(db, staff.user.id)).cookie;
}, 180_000);

async function callAsStaff(entry: EntryPoint, method: string) {
  testBrowser.cookie = cookie;
  const slug = customer.org.slug;
  if (entry.kind === "route") {
    const request = new Request(`http://localhost/api/orgs/${slug}/probe`, {
      method,
      headers: { cookie, origin: "http://localhost", host: "localhost", "x-verity-peer-ip": "198.51.100.77" },
    });
    const response = await entry.handle!(request, { params: Promise.resolve({ orgSlug: slug }) });
    return { status: response.status, body: await response.text() };
  }
  const result = (await (entry.handle as (slug: string, input: unknown) => Promise<{ ok: boolean; code?: string }>)(
    slug,
    {},
  )) as { ok: boolean; code?: string; error?: string };
  return { status: result.ok ? 200 : result.code === "forbidden" ? 403 : 400, body: JSON.stringify(result) };
}

describe("support mode", () => {
  it("refuses every org-scoped server action and every changing route, and records each refusal", async () => {
    const before = await db.auditEntry.count({ where: { orgId: customer.org.id } });
    let calls = 0;
    for (const entry of orgScoped) {
      if (entry.kind === "action" && entry.readOnly) continue; // the next test calls each of these
      const methods = entry.kind === "route" ? ["POST", "PUT", "PATCH", "DELETE"] : ["action"];
      for (const method of methods) {
        const answer = await callAsStaff(entry, method);
        expect({ entry: entry.name, method, status: answer.status }).toEqual({
          entry: entry.name,
          method,
          status: 403,
        });
        expect(answer.body).toMatch(/read-only/);
        calls++;
      }
    }
    const refusals = await db.auditEntry.findMany({
      where: { orgId: customer.org.id, action: "staff_access.write_refused" },
    });
    expect(refusals).toHaveLength(calls);
    expect(refusals[0]).toMatchObject({
      outcome: "denied",
      actorId: staff.user.id,
      metadata: {
        staffAccess: true,
        staffEmail: staff.user.email,
        justification: expect.stringContaining("ticket 99"),
      },
    });
    // Nothing else was written: the refusals are the only new entries.
    expect(await db.auditEntry.count({ where: { orgId: customer.org.id } })).toBe(before + calls);
    console.info(`support mode refused ${calls} calls across ${orgScoped.length} entry points`);
  });

  it("runs only the actions declared read-only, each recorded as a view; every other action was refused above", async () => {
    const readOnly = orgScoped.filter((entry) => entry.kind === "action" && entry.readOnly);
    // A new name here is a claim that the action changes nothing of the organization's: review it as such.
    expect(readOnly.map((entry) => entry.name).sort()).toEqual(["audit.verify_chain", "webhooks.list_deliveries"]);
    for (const entry of readOnly) {
      const answer = await callAsStaff(entry, "action");
      expect({ entry: entry.name, body: answer.body }).not.toEqual({
        entry: entry.name,
        body: expect.stringMatching(/read-only/),
      });
    }
    const verify = readOnly.find((entry) => entry.name === "audit.verify_chain")!;
    expect((await callAsStaff(verify, "action")).status).toBe(200);
    const viewed = await db.auditEntry.findFirst({
      where: { orgId: customer.org.id, action: "staff_access.viewed", metadata: { path: ["via"], equals: "action" } },
      orderBy: { seq: "desc" },
    });
    expect(viewed).toMatchObject({ actorId: staff.user.id, metadata: { via: "action", permission: "audit.verify" } });
    expect(
      await db.auditEntry.count({ where: { orgId: customer.org.id, action: "staff_access.write_refused" } }),
    ).toBeGreaterThan(0);
  });

  it("lets the session read through GET routes, each read in the customer's trail", async () => {
    const list = orgScoped.find((entry) => entry.name === "audit.entries.list")!;
    const answer = await callAsStaff(list, "GET");
    expect(answer.status).toBe(200);
    const viewed = await db.auditEntry.findFirst({
      where: { orgId: customer.org.id, action: "staff_access.viewed" },
      orderBy: { seq: "desc" },
    });
    expect(viewed).toMatchObject({
      ip: "198.51.100.77",
      metadata: { via: "api", method: "GET", permission: "audit.read" },
    });
  });

  it("grants no read that carries data away: exports, access packages and secrets are refused, nothing exported", async () => {
    const carrying = orgScoped.filter(
      (entry) =>
        entry.kind === "route" &&
        ["audit.export", "privacy_requests.manage", "secrets.read", "secrets.manage"].includes(
          String(entry.permission),
        ),
    );
    expect(carrying.length).toBeGreaterThan(0);
    for (const entry of carrying) {
      const answer = await callAsStaff(entry, "GET");
      expect({ entry: entry.name, refused: answer.status >= 400 }).toEqual({ entry: entry.name, refused: true });
    }
    const exported = await db.auditEntry.count({
      where: { orgId: customer.org.id, action: { in: ["audit.exported", "privacy.data_exported", "secret.revealed"] } },
    });
    expect(exported).toBe(0);
  });
});
