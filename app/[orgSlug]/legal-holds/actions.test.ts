import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { testDb } from "@/lib/testing/database";
import { createOwner } from "@/lib/testing/factories";
import { sessionCookieFor } from "@/lib/testing/sessions";
import { signedInOwner } from "@/lib/testing/signed-in-owner";
import { testBrowser } from "@/lib/testing/test-browser";

const { createLegalHoldAction, releaseLegalHoldAction } = await import("./actions");
const { default: LegalHoldsPage } = await import("./page");

let db: Db;
beforeAll(() => {
  db = testDb();
});

const holdEntries = (orgId: string) => db.auditEntry.count({ where: { orgId, action: { startsWith: "legal_hold." } } });

describe("the legal holds screen's actions", () => {
  it("answer the form's mistakes on their fields, without writing anything", async () => {
    const { org } = await signedInOwner(db);
    const result = await createLegalHoldAction(org.slug, {
      name: "",
      matter: "Case 7",
      scope: { kind: "dates", from: "2025-05-01", until: "2025-04-01" },
    });
    expect(result).toMatchObject({
      ok: false,
      code: "invalid_input",
      fieldErrors: { name: ["Give the hold a name."], "scope.until": ["The end must come after the start."] },
    });
    const query = await createLegalHoldAction(org.slug, {
      name: "n",
      matter: "m",
      scope: { kind: "query", query: "ip:999" },
    });
    expect(query).toMatchObject({ ok: false, fieldErrors: { "scope.query": [expect.stringMatching(/position/)] } });
    const release = await releaseLegalHoldAction(org.slug, { holdId: crypto.randomUUID(), reason: "" });
    expect(release).toMatchObject({ ok: false, fieldErrors: { reason: [expect.stringMatching(/Say why/)] } });
    expect(await db.legalHold.count({ where: { orgId: org.id } })).toBe(0);
    expect(await holdEntries(org.id)).toBe(0);
  });

  it("let an owner place and release a hold, and an auditor only see it", async () => {
    const owner = await signedInOwner(db);
    const placed = await createLegalHoldAction(owner.org.slug, {
      name: "Board inquiry",
      matter: "Internal investigation 12",
      scope: { kind: "people", people: [owner.user.id] },
    });
    if (!placed.ok) throw new Error(placed.error);
    expect(placed.data.coveredEntries).toBeGreaterThan(0);

    const auditor = await createOwner();
    await db.membership.create({ data: { orgId: owner.org.id, userId: auditor.user.id, role: "AUDITOR" } });
    testBrowser.cookie = (await sessionCookieFor(db, auditor.user.id)).cookie;
    const refused = await releaseLegalHoldAction(owner.org.slug, { holdId: placed.data.id, reason: "Done" });
    expect(refused).toMatchObject({ ok: false, code: "forbidden" });
    expect(
      await createLegalHoldAction(owner.org.slug, { name: "x", matter: "y", scope: { kind: "org" } }),
    ).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    // The auditor's page: the hold, read-only (no release action handed to the screen).
    const page = await LegalHoldsPage({ params: Promise.resolve({ orgSlug: owner.org.slug }) });
    const panel = (page.props.children as React.ReactElement<{ holds: unknown[]; actions: unknown }>[])[1];
    expect(panel.props.holds).toEqual([expect.objectContaining({ id: placed.data.id, status: "active" })]);
    expect(panel.props.actions).toBeNull();
    expect(await holdEntries(owner.org.id)).toBe(1);

    testBrowser.cookie = (await sessionCookieFor(db, owner.user.id)).cookie;
    const released = await releaseLegalHoldAction(owner.org.slug, { holdId: placed.data.id, reason: "Inquiry closed" });
    expect(released).toMatchObject({ ok: true, data: { status: "released", releaseReason: "Inquiry closed" } });
    expect(await holdEntries(owner.org.id)).toBe(2);
  });

  it("answer another organization's hold like an unknown one, and record the attempt in that organization, flagged", async () => {
    const target = await signedInOwner(db);
    const placed = await createLegalHoldAction(target.org.slug, {
      name: "Theirs",
      matter: "m",
      scope: { kind: "org" },
    });
    if (!placed.ok) throw new Error(placed.error);
    const prober = await signedInOwner(db);
    const answer = await releaseLegalHoldAction(prober.org.slug, { holdId: placed.data.id, reason: "mine now" });
    expect(answer).toMatchObject({ ok: false, code: "not_found", error: "No such legal hold in this organization." });
    const denial = await db.auditEntry.findFirstOrThrow({
      where: { orgId: target.org.id, action: "access.denied", actorId: prober.user.id },
    });
    expect(denial.metadata).toMatchObject({ reason: "foreign_legal_hold", crossTenant: true });
    expect((await db.legalHold.findUniqueOrThrow({ where: { id: placed.data.id } })).releasedAt).toBeNull();
  });
});
