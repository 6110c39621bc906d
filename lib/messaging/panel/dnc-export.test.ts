import { beforeAll, describe, expect, it } from "vitest";
import { GET as exportDnc } from "@/app/api/orgs/[orgSlug]/messaging/dnc/export/route";
import type { Db } from "@/lib/db/client";
import { addDncEntry } from "@/lib/messaging/dnc/add-dnc-entry";
import { testDb } from "@/lib/testing/database";
import { createOwner, orgContextFor } from "@/lib/testing/factories";
import { enrolTotp } from "@/lib/testing/mfa";
import { testPhone } from "@/lib/testing/messaging";
import { params, requestWith, sessionCookieFor } from "@/lib/testing/sessions";

let db: Db;
beforeAll(() => {
  db = testDb();
});

async function signedIn(userId: string) {
  await enrolTotp(db, userId);
  return (await sessionCookieFor(db, userId)).cookie;
}

describe("the DNC list's CSV export", () => {
  it("is for owners and admins, and is on the record with the count before the first byte", async () => {
    const owner = await createOwner();
    const ctx = orgContextFor(owner, owner.org);
    const phones = [testPhone(), testPhone()];
    for (const phone of phones) await db.$transaction((tx) => addDncEntry(tx, ctx, { phone, reason: "asked" }));
    const url = `/api/orgs/${owner.org.slug}/messaging/dnc/export`;
    const response = await exportDnc(
      requestWith(url, { cookie: await signedIn(owner.user.id) }),
      params({ orgSlug: owner.org.slug }),
    );
    expect(response.status).toBe(200);
    const csv = await response.text();
    for (const phone of phones) expect(csv).toContain(phone);
    const exported = await db.auditEntry.findMany({ where: { orgId: owner.org.id, action: "dnc.exported" } });
    expect(exported.map((entry) => [entry.metadata, entry.category])).toEqual([[{ count: 2 }, "compliance"]]);

    // A member reads the list on the screen but does not take it away.
    const member = await createOwner();
    await db.membership.create({ data: { orgId: owner.org.id, userId: member.user.id, role: "MEMBER" } });
    const refused = await exportDnc(
      requestWith(url, { cookie: await signedIn(member.user.id) }),
      params({ orgSlug: owner.org.slug }),
    );
    expect(refused.status).toBe(403);
    expect(await db.auditEntry.count({ where: { orgId: owner.org.id, action: "dnc.exported" } })).toBe(1);
  });
});
