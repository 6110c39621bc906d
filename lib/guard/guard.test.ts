import { beforeAll, describe, expect, it } from "vitest";
import { GET as listEntries } from "@/app/api/orgs/[orgSlug]/audit-entries/route";
import { POST as verifyEntries } from "@/app/api/orgs/[orgSlug]/audit-entries/verify/route";
import type { Db } from "@/lib/db/client";
import { testDb } from "@/lib/testing/database";
import { createOwner } from "@/lib/testing/factories";
import { enrolTotp } from "@/lib/testing/mfa";
import { params, requestWith, sessionCookieFor } from "@/lib/testing/sessions";

let db: Db;
let orgA: Awaited<ReturnType<typeof createOwner>>;
let orgB: Awaited<ReturnType<typeof createOwner>>;
let ownerA: string;

beforeAll(async () => {
  db = testDb();
  orgA = await createOwner();
  orgB = await createOwner();
  // Owners must have a second factor to use the panel (see "MFA enforcement" below).
  await enrolTotp(db, orgA.user.id);
  await enrolTotp(db, orgB.user.id);
  ownerA = (await sessionCookieFor(db, orgA.user.id)).cookie;
});

const list = (slug: string, cookie?: string, query = "") =>
  listEntries(requestWith(`/api/orgs/${slug}/audit-entries${query}`, { cookie }), params({ orgSlug: slug }));

async function lastEntry(orgId: string) {
  return db.auditEntry.findFirstOrThrow({ where: { orgId }, orderBy: { seq: "desc" } });
}

describe("the guard on org route handlers", () => {
  it("answers 401 problem+json without a session", async () => {
    const response = await list(orgA.org.slug);
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
  });

  it("lets a member with the permission read the org's entries, and nothing more than the entry shape", async () => {
    const response = await list(orgA.org.slug, ownerA, "?limit=1");
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.entries).toHaveLength(1);
    expect(Object.keys(body.entries[0]).sort()).toEqual(
      [
        "action",
        "actor",
        "category",
        "contentHash",
        "geo",
        "hash",
        "id",
        "ip",
        "metadata",
        "occurredAt",
        "orgId",
        "outcome",
        "prevHash",
        "requestId",
        "seq",
        "target",
        "userAgent",
      ].sort(),
    );
    expect(body.nextBeforeSeq).toBe(body.entries[0].seq);
  });

  it("answers 400 with field details for an invalid query, and writes nothing", async () => {
    const before = await lastEntry(orgA.org.id);
    const response = await list(orgA.org.slug, ownerA, "?limit=0");
    expect(response.status).toBe(400);
    const problem = await response.json();
    expect(problem).toMatchObject({ status: 400, title: "Invalid input" });
    expect(problem.errors.limit).toBeDefined();
    expect((await lastEntry(orgA.org.id)).seq).toBe(before.seq);
  });

  it("answers another org's slug exactly like a missing one, and records the attempt in the targeted org", async () => {
    const ownerB = (await sessionCookieFor(db, orgB.user.id)).cookie;
    const foreign = await list(orgA.org.slug, ownerB);
    const missing = await list("no-such-org-anywhere", ownerB);
    expect(foreign.status).toBe(404);
    expect(missing.status).toBe(404);
    const strip = ({ requestId: _, ...rest }: Record<string, unknown>) => rest;
    expect(strip(await foreign.json())).toEqual(strip(await missing.json()));

    const entry = await lastEntry(orgA.org.id);
    expect(entry).toMatchObject({
      action: "access.denied",
      outcome: "denied",
      actorId: orgB.user.id,
      ip: "198.51.100.20",
    });
    expect(entry.metadata).toMatchObject({ crossTenant: true, reason: "not_a_member", permission: "audit.read" });
  });

  it("refuses a role without the permission with 403 and records the denial", async () => {
    const member = await createOwner();
    await db.membership.create({ data: { orgId: orgA.org.id, userId: member.user.id, role: "MEMBER" } });
    const { cookie } = await sessionCookieFor(db, member.user.id);
    const response = await list(orgA.org.slug, cookie);
    expect(response.status).toBe(403);
    const entry = await lastEntry(orgA.org.id);
    expect(entry).toMatchObject({ action: "access.denied", outcome: "denied", actorId: member.user.id });
    expect(entry.metadata).toMatchObject({ reason: "missing_permission", permission: "audit.read" });
  });

  it("stops honouring a session the moment its row is revoked", async () => {
    const { cookie, sessionId } = await sessionCookieFor(db, orgA.user.id);
    expect((await list(orgA.org.slug, cookie)).status).toBe(200);
    await db.session.update({ where: { id: sessionId }, data: { revokedAt: new Date() } });
    expect((await list(orgA.org.slug, cookie)).status).toBe(401);
  });

  it("refuses a forged session cookie", async () => {
    // Flip one character in the middle of the encrypted payload (the last one may only carry padding bits).
    const [name, token] = ownerA.split("=");
    const middle = Math.floor(token.length / 2);
    const forged = `${name}=${token.slice(0, middle)}${token[middle] === "A" ? "B" : "A"}${token.slice(middle + 1)}`;
    expect((await list(orgA.org.slug, forged)).status).toBe(401);
  });

  it("refuses bearer credentials until API keys exist, rather than ignoring them", async () => {
    const response = await listEntries(
      requestWith(`/api/orgs/${orgA.org.slug}/audit-entries`, { headers: { authorization: "Bearer vk_live_abc" } }),
      params({ orgSlug: orgA.org.slug }),
    );
    expect(response.status).toBe(401);
  });

  it("verifies the chain and records the verification in the same org", async () => {
    const response = await verifyEntries(
      requestWith(`/api/orgs/${orgA.org.slug}/audit-entries/verify`, { cookie: ownerA, method: "POST" }),
      params({ orgSlug: orgA.org.slug }),
    );
    expect(response.status).toBe(200);
    const result = await response.json();
    expect(result).toMatchObject({ ok: true, firstBad: null });
    const entry = await lastEntry(orgA.org.id);
    expect(entry).toMatchObject({ action: "audit.chain_verified", outcome: "success", actorId: orgA.user.id });
    expect(entry.seq.toString()).toBe(String(Number(result.headSeq) + 1));
  });

  it("refuses a state-changing request sent from another site", async () => {
    const request = requestWith(`/api/orgs/${orgA.org.slug}/audit-entries/verify`, {
      cookie: ownerA,
      method: "POST",
      headers: { origin: "https://evil.example" },
    });
    const before = await lastEntry(orgA.org.id);
    expect((await verifyEntries(request, params({ orgSlug: orgA.org.slug }))).status).toBe(403);
    expect((await lastEntry(orgA.org.id)).seq).toBe(before.seq);
  });
});

describe("malformed requests get clear answers, never a 500", () => {
  it("a mangled cookie, a malformed Origin, and out-of-range or non-numeric cursors", async () => {
    expect((await list(orgA.org.slug, "next-auth.session-token=%E0%A4%A")).status).toBe(401);
    const badOrigin = requestWith(`/api/orgs/${orgA.org.slug}/audit-entries/verify`, {
      cookie: ownerA,
      method: "POST",
      headers: { origin: "::not a url::" },
    });
    expect((await verifyEntries(badOrigin, params({ orgSlug: orgA.org.slug }))).status).toBe(403);
    for (const cursor of ["99999999999999999999999", "abc", "-1"]) {
      expect((await list(orgA.org.slug, ownerA, `?beforeSeq=${cursor}`)).status).toBe(400);
    }
  });
});

describe("MFA enforcement", () => {
  it("keeps an owner without a second factor out of the panel until they enrol", async () => {
    const owner = await createOwner();
    const { cookie } = await sessionCookieFor(db, owner.user.id);
    const refused = await list(owner.org.slug, cookie);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ title: "Two-factor authentication required" });
    await enrolTotp(db, owner.user.id);
    expect((await list(owner.org.slug, cookie)).status).toBe(200);
  });

  it("applies to every member when the org requires it", async () => {
    const auditor = await createOwner();
    await db.membership.create({ data: { orgId: orgA.org.id, userId: auditor.user.id, role: "AUDITOR" } });
    const { cookie } = await sessionCookieFor(db, auditor.user.id);
    expect((await list(orgA.org.slug, cookie)).status).toBe(200);
    await db.organization.update({ where: { id: orgA.org.id }, data: { requireMfa: true } });
    try {
      expect((await list(orgA.org.slug, cookie)).status).toBe(403);
    } finally {
      await db.organization.update({ where: { id: orgA.org.id }, data: { requireMfa: false } });
    }
  });
});
