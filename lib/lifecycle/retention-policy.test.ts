import { beforeAll, describe, expect, it } from "vitest";
import { updateRetentionPolicyAction } from "@/app/[orgSlug]/settings/actions";
import type { Db } from "@/lib/db/client";
import { testDb } from "@/lib/testing/database";
import { createOwner } from "@/lib/testing/factories";
import { enrolTotp } from "@/lib/testing/mfa";
import { sessionCookieFor } from "@/lib/testing/sessions";
import { signedInOwner } from "@/lib/testing/signed-in-owner";
import { testBrowser } from "@/lib/testing/test-browser";
import { retentionPolicyOf } from "./retention-policy";
import { describeRetention } from "./retention-policy-view";

let db: Db;
beforeAll(() => {
  db = testDb();
});

const lastEntry = (orgId: string) => db.auditEntry.findFirstOrThrow({ where: { orgId }, orderBy: { seq: "desc" } });
const form = (fields: { keepForever?: boolean; retentionYears?: string; hotWindowDays?: string }) => ({
  keepForever: false,
  retentionYears: "7",
  hotWindowDays: "400",
  ...fields,
});

/** An owner who has just confirmed it's them, signed in on the test browser. */
async function confirmedOwner() {
  const owner = await signedInOwner(db);
  expect(await owner.confirmItsMe()).toEqual({ ok: true });
  return owner;
}

describe("an organization's retention policy", () => {
  it("is seven years, 400 days of it in PostgreSQL, until an owner changes it", async () => {
    const { org } = await createOwner();
    expect(await retentionPolicyOf(db, org.id)).toEqual({ retentionDays: 2557, hotWindowDays: 400 });
    expect(describeRetention(2557)).toBe("7 years");
  });

  it("is saved by an owner who confirmed it's them, with the policy before and after in the trail", async () => {
    const { org, user } = await confirmedOwner();
    const result = await updateRetentionPolicyAction(org.slug, form({ retentionYears: "10", hotWindowDays: "500" }));
    expect(result).toEqual({ ok: true, data: { changed: true, policy: { retentionDays: 3653, hotWindowDays: 500 } } });
    expect(await retentionPolicyOf(db, org.id)).toEqual({ retentionDays: 3653, hotWindowDays: 500 });
    const entry = await lastEntry(org.id);
    expect(entry).toMatchObject({
      action: "org.retention_updated",
      category: "org_settings",
      outcome: "success",
      actorId: user.id,
      targetId: org.id,
    });
    expect(entry.metadata).toEqual({
      before: { retentionDays: 2557, hotWindowDays: 400 },
      after: { retentionDays: 3653, hotWindowDays: 500 },
    });

    // Keep forever; then the same again changes and records nothing.
    const forever = form({ keepForever: true, retentionYears: "", hotWindowDays: "3653" });
    expect(await updateRetentionPolicyAction(org.slug, forever)).toMatchObject({ ok: true, data: { changed: true } });
    expect(await retentionPolicyOf(db, org.id)).toEqual({ retentionDays: null, hotWindowDays: 3653 });
    const saved = await lastEntry(org.id);
    expect(saved.metadata).toMatchObject({ after: { retentionDays: null, hotWindowDays: 3653 } });
    expect(await updateRetentionPolicyAction(org.slug, forever)).toMatchObject({ ok: true, data: { changed: false } });
    expect((await lastEntry(org.id)).seq).toBe(saved.seq);
  });

  it("needs a recent step-up: without one (or once it lapsed) nothing changes and nothing is recorded", async () => {
    const owner = await signedInOwner(db);
    const refused = await updateRetentionPolicyAction(
      owner.org.slug,
      form({ retentionYears: "1", hotWindowDays: "30" }),
    );
    expect(refused).toMatchObject({ ok: false, code: "step_up_required" });
    await owner.confirmItsMe();
    await owner.letStepUpLapse();
    expect(
      await updateRetentionPolicyAction(owner.org.slug, form({ retentionYears: "1", hotWindowDays: "30" })),
    ).toMatchObject({
      ok: false,
      code: "step_up_required",
    });
    expect(await retentionPolicyOf(db, owner.org.id)).toEqual({ retentionDays: 2557, hotWindowDays: 400 });
    const recorded = await db.auditEntry.count({ where: { orgId: owner.org.id, action: "org.retention_updated" } });
    expect(recorded).toBe(0);
  });

  it("is for owners only: an admin is refused, and the refusal is recorded", async () => {
    const { org } = await createOwner();
    const admin = await createOwner();
    await enrolTotp(db, admin.user.id);
    await db.membership.create({ data: { orgId: org.id, userId: admin.user.id, role: "ADMIN" } });
    testBrowser.cookie = (await sessionCookieFor(db, admin.user.id)).cookie;
    const result = await updateRetentionPolicyAction(org.slug, form({ keepForever: true }));
    expect(result).toMatchObject({ ok: false, error: "Your role (admin) does not allow org.retention_policy." });
    expect(await lastEntry(org.id)).toMatchObject({
      action: "access.denied",
      outcome: "denied",
      actorId: admin.user.id,
    });
    expect(await retentionPolicyOf(db, org.id)).toEqual({ retentionDays: 2557, hotWindowDays: 400 });
  });

  it("answers a policy out of bounds with a message on the field at fault, never a 500, and writes nothing", async () => {
    const { org } = await confirmedOwner();
    const before = await lastEntry(org.id);
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [form({ retentionYears: "0" }), "retentionYears", /At least 1 year/],
      [form({ retentionYears: "101" }), "retentionYears", /keep forever/],
      [form({ retentionYears: "2.5" }), "retentionYears", /whole years/],
      [form({ retentionYears: "seven" }), "retentionYears", /number of years/],
      [form({ retentionYears: "" }), "retentionYears", /or choose "keep forever"/],
      [form({ hotWindowDays: "29" }), "hotWindowDays", /At least 30 days/],
      [form({ hotWindowDays: "4000" }), "hotWindowDays", /At most 3653 days/],
      [
        form({ retentionYears: "1", hotWindowDays: "400" }),
        "hotWindowDays",
        /At most the retention itself \(366 days\)/,
      ],
      [form({ hotWindowDays: "" }), "hotWindowDays", /number of days/],
    ];
    for (const [input, field, message] of cases) {
      const result = await updateRetentionPolicyAction(org.slug, input);
      expect(result, JSON.stringify(input)).toMatchObject({ ok: false, code: "invalid_input" });
      if (result.ok) continue;
      expect(result.fieldErrors?.[field]?.join(" "), JSON.stringify(input)).toMatch(message);
    }
    expect(await updateRetentionPolicyAction(org.slug, { ...form({}), retentionDays: 1 })).toMatchObject({ ok: false });
    expect(await updateRetentionPolicyAction(org.slug, "not a form")).toMatchObject({
      ok: false,
      code: "invalid_input",
    });
    expect(await retentionPolicyOf(db, org.id)).toEqual({ retentionDays: 2557, hotWindowDays: 400 });
    expect((await lastEntry(org.id)).seq).toBe(before.seq);
  });

  it("is held to its bounds by the database too: under a year, or a hot window past the retention, is refused", async () => {
    const { org } = await createOwner();
    await expect(
      db.retentionPolicy.create({ data: { orgId: org.id, retentionDays: 365, hotWindowDays: 30 } }),
    ).rejects.toThrow(/retention_at_least_a_year/);
    await expect(
      db.retentionPolicy.create({ data: { orgId: org.id, retentionDays: 400, hotWindowDays: 401 } }),
    ).rejects.toThrow(/hot_window_bounds/);
    await db.retentionPolicy.create({ data: { orgId: org.id, retentionDays: null, hotWindowDays: 30 } });
    expect(await retentionPolicyOf(db, org.id)).toEqual({ retentionDays: null, hotWindowDays: 30 });
  });
});
