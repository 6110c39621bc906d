import { beforeAll, describe, expect, it } from "vitest";
import { GET as getHolds, POST as postHold } from "@/app/api/v1/legal-holds/route";
import { POST as postRelease } from "@/app/api/v1/legal-holds/[holdId]/release/route";
import type { Db } from "@/lib/db/client";
import { roleHasPermission } from "@/lib/rbac/permissions";
import { testDb } from "@/lib/testing/database";
import { callApi, createTestKey } from "@/lib/testing/api";
import { createOwner } from "@/lib/testing/factories";

let db: Db;
beforeAll(() => {
  db = testDb();
});

/** An organization with an owner, and an admin and an auditor who joined it, each able to mint keys. */
async function team() {
  const owner = await createOwner();
  const join = async (role: "ADMIN" | "AUDITOR") => {
    const person = await createOwner();
    await db.membership.create({ data: { orgId: owner.org.id, userId: person.user.id, role } });
    return { ...person, org: owner.org };
  };
  return { owner, admin: await join("ADMIN"), auditor: await join("AUDITOR") };
}

const HOLD = { name: "Acme v. Initech", matter: "Litigation hold, case 24-118", scope: { kind: "org" } };

describe("/api/v1/legal-holds", () => {
  it("lets owners and admins place and release holds, and whoever reads the trail see them", async () => {
    expect(
      (["OWNER", "ADMIN", "MEMBER", "AUDITOR"] as const).map((role) => roleHasPermission(role, "legal_holds.manage")),
    ).toEqual([true, true, false, false]);
    const { owner, admin, auditor } = await team();
    const adminKey = (
      await createTestKey(db, admin, owner.org, { scopes: ["legal_holds.manage", "audit.read"] }, "ADMIN")
    ).key;
    const auditorKey = (
      await createTestKey(db, auditor, owner.org, { scopes: ["audit.read"], readOnly: true }, "AUDITOR")
    ).key;
    // An auditor cannot even hold a key that may place holds: their role does not allow it.
    await expect(
      createTestKey(db, auditor, owner.org, { scopes: ["legal_holds.manage"] }, "AUDITOR"),
    ).rejects.toMatchObject({ code: "forbidden" });

    const created = await callApi(postHold, "/legal-holds", { key: adminKey, method: "POST", body: HOLD });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: HOLD.name, status: "active", scope: { kind: "org" } });
    expect(created.body.coveredEntries).toBeGreaterThan(0);

    const refused = await callApi(postHold, "/legal-holds", { key: auditorKey, method: "POST", body: HOLD });
    expect(refused.status).toBe(403);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    const seen = await callApi(getHolds, "/legal-holds", { key: auditorKey });
    expect(seen.status).toBe(200);
    const { coveredEntries, holdingBack, ...hold } = created.body;
    expect(seen.body.data).toEqual([expect.objectContaining(hold)]);
    // A whole-org hold covers what is recorded after it too: the auditor's refused attempt, here.
    expect(seen.body.data[0].coveredEntries).toBe(coveredEntries + 1);
    expect(holdingBack).toEqual({ purgeEntries: coveredEntries });

    const releasePath = `/legal-holds/${created.body.id}/release`;
    const params = { holdId: created.body.id };
    const byAuditor = await callApi(postRelease, releasePath, {
      key: auditorKey,
      method: "POST",
      params,
      body: { reason: "x" },
    });
    expect(byAuditor.status).toBe(403);
    const released = await callApi(postRelease, releasePath, {
      key: adminKey,
      method: "POST",
      params,
      body: { reason: "Settled out of court." },
    });
    expect(released.status).toBe(200);
    expect(released.body).toMatchObject({
      status: "released",
      releaseReason: "Settled out of court.",
      holdingBack: null,
    });
    const again = await callApi(postRelease, releasePath, {
      key: adminKey,
      method: "POST",
      params,
      body: { reason: "again" },
    });
    expect(again.status).toBe(409);

    const entries = await db.auditEntry.findMany({
      where: { orgId: owner.org.id, action: { startsWith: "legal_hold." } },
      orderBy: { seq: "asc" },
    });
    expect(entries.map((entry) => [entry.action, entry.actorType, entry.targetId])).toEqual([
      ["legal_hold.created", "api_key", created.body.id],
      ["legal_hold.released", "api_key", created.body.id],
    ]);
  });

  it("answers bad input with 400 problem+json naming the field, and writes nothing", async () => {
    const { owner } = await team();
    const key = (await createTestKey(db, owner, owner.org, { scopes: ["legal_holds.manage"] })).key;
    const cases = [
      [{ ...HOLD, name: " " }, "name"],
      [{ ...HOLD, scope: { kind: "people", people: [] } }, "scope.people"],
      [{ ...HOLD, scope: { kind: "dates", from: "last tuesday" } }, "scope.from"],
      [{ ...HOLD, scope: { kind: "query", query: "outcome:maybe" } }, "scope.query"],
      [{ ...HOLD, scope: { kind: "org" }, extra: true }, "_"],
    ] as const;
    for (const [body, field] of cases) {
      const answer = await callApi(postHold, "/legal-holds", { key, method: "POST", body });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.headers.get("content-type")).toBe("application/problem+json");
      expect(Object.keys(answer.body.errors ?? {}).join(","), JSON.stringify(answer.body)).toContain(field);
    }
    const notJson = await callApi(postHold, "/legal-holds", { key, method: "POST", rawBody: "{" });
    expect(notJson.status).toBe(400);
    const badId = await callApi(postRelease, "/legal-holds/nope/release", {
      key,
      method: "POST",
      params: { holdId: "nope" },
      body: { reason: "r" },
    });
    expect(badId.status).toBe(400);
    const unknown = crypto.randomUUID();
    const missing = await callApi(postRelease, `/legal-holds/${unknown}/release`, {
      key,
      method: "POST",
      params: { holdId: unknown },
      body: { reason: "r" },
    });
    expect(missing.status).toBe(404);
    expect(await db.legalHold.count({ where: { orgId: owner.org.id } })).toBe(0);
    expect(await db.auditEntry.count({ where: { orgId: owner.org.id, action: { startsWith: "legal_hold." } } })).toBe(
      0,
    );
  });
});
