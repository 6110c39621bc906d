import { beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { testDb } from "@/lib/testing/database";
import { createOwner } from "@/lib/testing/factories";
import { enrolTotp } from "@/lib/testing/mfa";
import { sessionCookieFor } from "@/lib/testing/sessions";
import { testBrowser } from "@/lib/testing/test-browser";

const { orgAction } = await import("./org-action");
const { actionFailure } = await import("@/lib/http/action-result");
const { AppError } = await import("@/lib/http/app-error");

const readOrgName = orgAction(
  { name: "test.read_org_name", permission: "org.read", input: z.object({ greeting: z.string().max(10) }) },
  async ({ ctx, input }) => `${input.greeting} ${ctx.org.name}`,
);

let db: Db;
beforeAll(() => {
  db = testDb();
});

describe("actionFailure", () => {
  it("answers zod errors as invalid_input with the fields, so a form can highlight them", () => {
    const parsed = z.object({ seats: z.number() }).safeParse({ seats: "many" });
    expect(actionFailure(parsed.error)).toEqual({
      ok: false,
      code: "invalid_input",
      error: "Check the highlighted fields.",
      fieldErrors: { seats: [expect.any(String)] },
    });
  });

  it("carries the AppError's code, so a screen tells a plan limit or a missing step-up from other refusals", () => {
    for (const code of [
      "payment_required",
      "step_up_required",
      "forbidden",
      "invalid_input",
      "not_found",
      "conflict",
    ] as const) {
      expect(actionFailure(new AppError(code, `Refused: ${code}.`))).toEqual({
        ok: false,
        code,
        error: `Refused: ${code}.`,
      });
    }
    expect(actionFailure(new AppError("invalid_input", "Bad seats.", { seats: ["At most 500."] }))).toEqual({
      ok: false,
      code: "invalid_input",
      error: "Bad seats.",
      fieldErrors: { seats: ["At most 500."] },
    });
  });

  it("answers anything unexpected as internal, with a generic message: the detail goes to the log only", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const failure = actionFailure(new Error("connection to 10.0.0.5:5432 refused"));
      expect(failure).toEqual({
        ok: false,
        code: "internal",
        error: "Something went wrong on our side. Try again in a moment.",
      });
      expect(log).toHaveBeenCalledWith("unexpected error in a server action", expect.any(Error));
    } finally {
      log.mockRestore();
    }
  });
});

describe("orgAction", () => {
  it("runs for a live session, and refuses the same cookie on the very next call once the session is revoked", async () => {
    const { user, org } = await createOwner();
    await enrolTotp(db, user.id);
    const { cookie, sessionId } = await sessionCookieFor(db, user.id);
    testBrowser.cookie = cookie;
    expect(await readOrgName(org.slug, { greeting: "hello" })).toEqual({ ok: true, data: `hello ${org.name}` });

    await db.session.update({ where: { id: sessionId }, data: { revokedAt: new Date() } });
    expect(await readOrgName(org.slug, { greeting: "hello" })).toEqual({
      ok: false,
      code: "unauthenticated",
      error: "Your session has ended. Sign in again.",
    });
  });

  it("answers invalid input with field errors and another org's slug like a missing one", async () => {
    const { user, org } = await createOwner();
    const other = await createOwner();
    await enrolTotp(db, user.id);
    testBrowser.cookie = (await sessionCookieFor(db, user.id)).cookie;
    expect(await readOrgName(org.slug, { greeting: "a greeting that is far too long" })).toMatchObject({
      ok: false,
      fieldErrors: { greeting: expect.any(Array) },
    });
    expect(await readOrgName(other.org.slug, { greeting: "hi" })).toEqual(
      await readOrgName("no-such-org", { greeting: "hi" }),
    );
  });

  it("records a denial a service decided, after rolling back everything the service wrote", async () => {
    const { user, org } = await createOwner();
    await enrolTotp(db, user.id);
    testBrowser.cookie = (await sessionCookieFor(db, user.id)).cookie;
    const refuseAfterWriting = orgAction(
      { name: "test.refuse_after_writing", permission: "org.read", input: z.object({}) },
      async ({ ctx, tx }) => {
        await tx.organization.update({ where: { id: ctx.org.id }, data: { name: "Renamed by a refused action" } });
        throw new AppError("not_found", "No such thing.", undefined, {
          permission: "org.read",
          reason: "foreign_thing",
          crossTenant: true,
        });
      },
    );
    expect(await refuseAfterWriting(org.slug, {})).toEqual({ ok: false, code: "not_found", error: "No such thing." });
    expect((await db.organization.findUniqueOrThrow({ where: { id: org.id } })).name).toBe(org.name);
    const denial = await db.auditEntry.findFirstOrThrow({
      where: { orgId: org.id, action: "access.denied" },
      orderBy: { seq: "desc" },
    });
    expect(denial).toMatchObject({
      outcome: "denied",
      actorId: user.id,
      metadata: { permission: "org.read", reason: "foreign_thing", crossTenant: true },
    });
  });

  it("answers a slug that is not a string (a Prisma filter in disguise) like a missing organization", async () => {
    const { user } = await createOwner();
    await enrolTotp(db, user.id);
    testBrowser.cookie = (await sessionCookieFor(db, user.id)).cookie;
    const before = await db.auditEntry.count({ where: { action: "access.denied", actorId: user.id } });
    for (const slug of [{ not: "x" }, { gt: "m" }, "Not A Slug!", 42]) {
      expect(await readOrgName(slug as never, { greeting: "hi" })).toEqual({
        ok: false,
        code: "not_found",
        error: "No such organization.",
      });
    }
    expect(await db.auditEntry.count({ where: { action: "access.denied", actorId: user.id } })).toBe(before);
  });
});
