import { beforeAll, describe, expect, it } from "vitest";
import { GET as getValues } from "@/app/api/orgs/[orgSlug]/audit-entries/values/route";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import type { Db } from "@/lib/db/client";
import { testDb } from "@/lib/testing/database";
import { createOwner } from "@/lib/testing/factories";
import { enrolTotp } from "@/lib/testing/mfa";
import { params, requestWith, sessionCookieFor } from "@/lib/testing/sessions";

type Owner = Awaited<ReturnType<typeof createOwner>>;
let db: Db;
let orgA: Owner;
let orgB: Owner;

async function append(orgId: string, actor: string, { ip = "203.0.113.9", country = "GB", target = "wal_97" } = {}) {
  await db.$transaction((tx) =>
    appendAuditEntry(tx, {
      orgId,
      action: "custom.payout.approved",
      actor: { type: "user", id: `id-${actor}`, display: actor },
      target: { type: "wallet", id: target, display: target },
      metadata: {},
      context: { ip, userAgent: "vitest", geo: { country, region: null, city: null }, requestId: null },
    }),
  );
}

async function values(org: Owner, cookie: string, query: string) {
  const response = await getValues(
    requestWith(`/api/orgs/${org.org.slug}/audit-entries/values?${query}`, { cookie }),
    params({ orgSlug: org.org.slug }),
  );
  return { status: response.status, body: await response.json() };
}

beforeAll(async () => {
  db = testDb();
  orgA = await createOwner();
  orgB = await createOwner();
  await enrolTotp(db, orgA.user.id);
  for (let i = 0; i < 3; i++) await append(orgA.org.id, "grace@example.com");
  await append(orgA.org.id, "Ida Lovelace", { ip: "198.51.100.4", country: "fr" });
  await append(orgA.org.id, "ida@example.com");
  await append(orgA.org.id, "Deploy (vk_live_AbC1…)", { target: "50%_off" });
  await append(orgB.org.id, "idan@other.example", { ip: "192.0.2.1", country: "DE" });
});

describe("GET /api/orgs/{org}/audit-entries/values (the search box's suggestions)", () => {
  it("answers the organization's recent values holding what is typed, those starting with it first", async () => {
    const { cookie } = await sessionCookieFor(db, orgA.user.id);
    const actors = await values(orgA, cookie, "field=actor&typed=ID");
    expect(actors.status).toBe(200);
    // Another organization's idan@other.example is never offered. ("ID": no hex digit, so the owner's address,
    // owner-<8 random hex digits>@example.test, never holds it by chance, as "AD" did.)
    expect(actors.body.values).toEqual(["Ida Lovelace", "ida@example.com"]);
    const all = (await values(orgA, cookie, "field=actor")).body.values;
    expect(all[0]).toBe("grace@example.com");
    expect(all).toHaveLength(4 + 1); // the four people above, and the owner who created the organization
    expect((await values(orgA, cookie, "field=country")).body.values).toEqual(["GB", "FR"]);
    expect((await values(orgA, cookie, "field=ip&typed=198.")).body.values).toEqual(["198.51.100.4"]);
    // LIKE's pattern characters are text: "%" finds the one target that holds it, not every target.
    expect((await values(orgA, cookie, "field=target&typed=%25")).body.values).toEqual(["50%_off"]);
  });

  it("refuses a field that is not suggested and anyone who may not read the trail", async () => {
    const { cookie } = await sessionCookieFor(db, orgA.user.id);
    const bad = await values(orgA, cookie, "field=metadata");
    expect(bad.status).toBe(400);
    const member = await createOwner();
    await db.membership.create({ data: { orgId: orgA.org.id, userId: member.user.id, role: "MEMBER" } });
    const memberCookie = (await sessionCookieFor(db, member.user.id)).cookie;
    expect((await values(orgA, memberCookie, "field=actor")).status).toBe(403);
    const outsider = (await sessionCookieFor(db, orgB.user.id)).cookie;
    expect((await values(orgA, outsider, "field=actor")).status).toBe(404);
  });
});
