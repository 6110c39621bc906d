import { beforeAll, describe, expect, it } from "vitest";
import { updateOrgSettingsAction } from "@/app/[orgSlug]/settings/actions";
import type { Db } from "@/lib/db/client";
import { resolveOrgAccess } from "@/lib/guard/org-access";
import { AppError } from "@/lib/http/app-error";
import { testDb } from "@/lib/testing/database";
import { createOwner as signUpOwner, testContext } from "@/lib/testing/factories";
import { enrolTotp } from "@/lib/testing/mfa";
import { sessionCookieFor } from "@/lib/testing/sessions";
import { readOrgSettings, updateOrgSettings } from "./update-org-settings";
import { testBrowser } from "@/lib/testing/test-browser";
import { movedOrgSlug } from "./slug-history";

let db: Db;
beforeAll(() => {
  db = testDb();
});

/** An owner with a second factor (required of owners), signed in in the test's "browser". */
async function signedInOwner() {
  const person = await signUpOwner();
  await enrolTotp(db, person.user.id);
  const session = await sessionCookieFor(db, person.user.id);
  testBrowser.cookie = session.cookie;
  return { ...person, sessionId: session.sessionId };
}

const lastEntry = (orgId: string) => db.auditEntry.findFirstOrThrow({ where: { orgId }, orderBy: { seq: "desc" } });
const noFlags = { audit_export_gzip: false };
const formFor = (org: { name: string; slug: string }, changes: Record<string, unknown> = {}) => ({
  name: org.name,
  slug: org.slug,
  brandColor: "",
  logoUrl: "",
  allowedEmailDomains: "",
  featureFlags: noFlags,
  ...changes,
});

describe("organization settings", () => {
  it("saves the settings and records before and after of only the fields that changed", async () => {
    const { user, org } = await signedInOwner();
    const result = await updateOrgSettingsAction(
      org.slug,
      formFor(org, {
        name: "Acme Europe",
        brandColor: "#2F55D4",
        allowedEmailDomains: " Example.COM\nexample.com\n@acme.eu\n",
        featureFlags: { ...noFlags, audit_export_gzip: true },
      }),
    );
    expect(result).toEqual({
      ok: true,
      data: { changed: ["name", "brandColor", "allowedEmailDomains", "featureFlags"], slug: org.slug },
    });
    expect(await readOrgSettings(db, org.id)).toEqual({
      name: "Acme Europe",
      slug: org.slug,
      brandColor: "#2f55d4",
      logoUrl: null,
      allowedEmailDomains: ["example.com", "acme.eu"],
      featureFlags: { ...noFlags, audit_export_gzip: true },
    });
    const entry = await lastEntry(org.id);
    expect(entry).toMatchObject({
      action: "org.updated",
      category: "org_settings",
      actorId: user.id,
      targetId: org.id,
      outcome: "success",
    });
    expect(entry.metadata).toEqual({
      before: { name: org.name, brandColor: null, allowedEmailDomains: [], featureFlags: { audit_export_gzip: false } },
      after: {
        name: "Acme Europe",
        brandColor: "#2f55d4",
        allowedEmailDomains: ["example.com", "acme.eu"],
        featureFlags: { audit_export_gzip: true },
      },
    });
  });

  it("records nothing when nothing changed", async () => {
    const { org } = await signedInOwner();
    const before = await lastEntry(org.id);
    expect(await updateOrgSettingsAction(org.slug, formFor(org))).toEqual({
      ok: true,
      data: { changed: [], slug: org.slug },
    });
    expect((await lastEntry(org.id)).seq).toBe(before.seq);
  });

  it("answers bad input with field errors and writes nothing", async () => {
    const { org } = await signedInOwner();
    const before = await lastEntry(org.id);
    const cases: [Record<string, unknown>, string][] = [
      [{ name: "" }, "name"],
      [{ name: "x".repeat(101) }, "name"],
      [{ slug: "Acme" }, "slug"],
      [{ slug: "a" }, "slug"],
      [{ slug: "-acme" }, "slug"],
      [{ slug: "account" }, "slug"],
      [{ brandColor: "red" }, "brandColor"],
      [{ brandColor: "#12345" }, "brandColor"],
      [{ logoUrl: "http://cdn.example.com/logo.png" }, "logoUrl"],
      [{ logoUrl: "javascript:alert(1)" }, "logoUrl"],
      [{ logoUrl: `https://cdn.example.com/${"a".repeat(2048)}` }, "logoUrl"],
      [{ allowedEmailDomains: "example.com\nnot a domain" }, "allowedEmailDomains"],
      [{ allowedEmailDomains: "localhost" }, "allowedEmailDomains"],
      [
        { allowedEmailDomains: Array.from({ length: 51 }, (_, i) => `d${i}.example.com`).join("\n") },
        "allowedEmailDomains",
      ],
      [{ featureFlags: { ...noFlags, self_destruct: true } }, "featureFlags"],
    ];
    for (const [change, field] of cases) {
      const result = await updateOrgSettingsAction(org.slug, formFor(org, change));
      expect(result, JSON.stringify(change).slice(0, 80)).toMatchObject({
        ok: false,
        error: "Check the highlighted fields.",
      });
      if (!result.ok) expect(Object.keys(result.fieldErrors ?? {})).toEqual([field]);
    }
    expect(await readOrgSettings(db, org.id)).toMatchObject({
      name: org.name,
      slug: org.slug,
      brandColor: null,
      logoUrl: null,
      allowedEmailDomains: [],
    });
    expect((await lastEntry(org.id)).seq).toBe(before.seq);
  });

  it("refuses an address another organization has, deleted ones included, with a 409 conflict", async () => {
    const { user, org, sessionId } = await signedInOwner();
    const other = await signUpOwner();
    const principal = { type: "user" as const, userId: user.id, sessionId, email: user.email, name: user.name };
    const ctx = await resolveOrgAccess(principal, org.slug, "org.update", testContext);
    const attempt = db.$transaction((tx) =>
      updateOrgSettings({ ctx, tx, input: formFor(org, { slug: other.org.slug }) }),
    );
    await expect(attempt).rejects.toSatisfy(
      (error) => error instanceof AppError && error.code === "conflict" && error.status === 409,
    );

    expect(await updateOrgSettingsAction(org.slug, formFor(org, { name: "Renamed", slug: other.org.slug }))).toEqual({
      ok: false,
      code: "conflict",
      error: "That address is taken.",
      fieldErrors: { slug: ["That address is taken."] },
    });
    await db.organization.update({ where: { id: other.org.id }, data: { deletedAt: new Date() } });
    expect(await updateOrgSettingsAction(org.slug, formFor(org, { slug: other.org.slug }))).toMatchObject({
      ok: false,
      fieldErrors: { slug: ["That address is taken."] },
    });
    expect(await readOrgSettings(db, org.id)).toMatchObject({ name: org.name, slug: org.slug });
  });

  it("moves the organization to its new address; the old one no longer answers", async () => {
    const { org } = await signedInOwner();
    const slug = `moved-${org.slug}`.slice(0, 40);
    expect(
      await updateOrgSettingsAction(org.slug, formFor(org, { slug, logoUrl: "https://cdn.example.com/logo.svg" })),
    ).toEqual({ ok: true, data: { changed: ["slug", "logoUrl"], slug } });
    expect((await lastEntry(org.id)).metadata).toEqual({
      before: { slug: org.slug, logoUrl: null },
      after: { slug, logoUrl: "https://cdn.example.com/logo.svg" },
    });
    expect(await updateOrgSettingsAction(org.slug, formFor(org))).toMatchObject({
      ok: false,
      error: "No such organization.",
    });
  });

  it("remembers the old address for its members only, until another organization takes it", async () => {
    const { user, org } = await signedInOwner();
    const outsider = await signUpOwner();
    const slug = `renamed-${org.slug}`.slice(0, 40);
    await updateOrgSettingsAction(org.slug, formFor(org, { slug }));
    expect(await movedOrgSlug(db, { slug: org.slug, userId: user.id })).toBe(slug);
    // Someone who is not a member learns nothing about where the organization went.
    expect(await movedOrgSlug(db, { slug: org.slug, userId: outsider.user.id })).toBeNull();
    // The live address always wins: another organization that takes the old one owns it from then on.
    testBrowser.cookie = (await sessionCookieFor(db, outsider.user.id)).cookie;
    await enrolTotp(db, outsider.user.id);
    expect(await updateOrgSettingsAction(outsider.org.slug, formFor(outsider.org, { slug: org.slug }))).toMatchObject({
      ok: true,
    });
    expect(await movedOrgSlug(db, { slug: org.slug, userId: user.id })).toBeNull();
    expect(await movedOrgSlug(db, { slug: outsider.org.slug, userId: outsider.user.id })).toBe(org.slug);
  });

  it("is for owners and admins: a member is refused and nothing changes", async () => {
    const { org } = await signUpOwner();
    const member = await signUpOwner();
    await db.membership.create({ data: { orgId: org.id, userId: member.user.id, role: "MEMBER" } });
    testBrowser.cookie = (await sessionCookieFor(db, member.user.id)).cookie;
    expect(await updateOrgSettingsAction(org.slug, formFor(org, { name: "Hijacked" }))).toMatchObject({
      ok: false,
      error: "Your role (member) does not allow org.update.",
    });

    const admin = await signUpOwner();
    await enrolTotp(db, admin.user.id);
    await db.membership.create({ data: { orgId: org.id, userId: admin.user.id, role: "ADMIN" } });
    testBrowser.cookie = (await sessionCookieFor(db, admin.user.id)).cookie;
    expect(await updateOrgSettingsAction(org.slug, formFor(org, { name: "Renamed by admin" }))).toMatchObject({
      ok: true,
    });
  });
});
