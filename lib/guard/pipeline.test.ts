import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { ApiKeyRefusal } from "@/lib/api-keys/authenticate-api-key";
import type { OrgContext } from "@/lib/context";
import type { Db, Tx } from "@/lib/db/client";

import { AppError } from "@/lib/http/app-error";
import type { Permission } from "@/lib/rbac/permissions";
import { testDb } from "@/lib/testing/database";
import { createOwner, testContext } from "@/lib/testing/factories";
import { enrolTotp } from "@/lib/testing/mfa";
import { sessionCookieFor } from "@/lib/testing/sessions";
import { orgAccess } from "./org-access";
import { runPipeline } from "./pipeline";
import { sessionPrincipal } from "./principal";

/**
 * The guard pipeline's order and its one way of recording refusals: each step runs only when the
 * one before it passed, and a refusal at any step is in the trail exactly once (or not at all, where
 * it is no evidence: no session, bad input), whichever step refused.
 */
let db: Db;
let victim: Awaited<ReturnType<typeof createOwner>>;
beforeAll(async () => {
  db = testDb();
  victim = await createOwner();
  await enrolTotp(db, victim.user.id);
});

type Attempt = {
  cookie: string | null;
  orgSlug?: string;
  permission?: Permission;
  input?: unknown;
  confirm?: () => Promise<void>;
  work?: (ctx: OrgContext, tx: Tx) => Promise<unknown>;
};

async function attempt(options: Attempt) {
  const { cookie, orgSlug = victim.org.slug, permission = "org.read", input = { name: "ok" }, confirm, work } = options;
  const reached: string[] = [];
  const outcome = await runPipeline({
    request: { ...testContext, requestId: randomUUID() },
    authorize: async (scene) => {
      reached.push("principal");
      const principal = await sessionPrincipal(scene, { cookie, authorization: null }, "Sign in to continue.");
      reached.push("org and permission");
      return orgAccess(scene, principal, orgSlug, permission);
    },
    parse: () => {
      reached.push("parse");
      return z.object({ name: z.string().max(10) }).parse(input);
    },
    confirm: async () => {
      reached.push("confirm");
      await confirm?.();
    },
    transaction: {},
    run: async (ctx, _input, tx) => {
      reached.push("run");
      return work ? work(ctx, tx) : "done";
    },
  }).then(
    (value) => ({ value, code: null }),
    (error: unknown) => ({ value: null, code: codeOf(error) }),
  );
  return { reached, ...outcome };
}

const codeOf = (error: unknown) =>
  error instanceof AppError ? error.code : error instanceof z.ZodError ? "invalid_input" : String(error);

const trailOf = (actorId: string) =>
  db.auditEntry.findMany({
    where: { actorId, outcome: "denied" },
    select: { orgId: true, action: true, metadata: true },
    orderBy: { seq: "asc" },
  });

const ALL_STEPS = ["principal", "org and permission", "parse", "confirm", "run"];
const UP_TO_ORG = ALL_STEPS.slice(0, 2);

async function signedIn(role?: "AUDITOR") {
  const person = await createOwner();
  await enrolTotp(db, person.user.id);
  if (role) await db.membership.create({ data: { orgId: victim.org.id, userId: person.user.id, role } });
  return { person, cookie: (await sessionCookieFor(db, person.user.id)).cookie };
}

describe("the guard pipeline", () => {
  it("runs request → principal → org and permission → parse → confirm → run, in that order", async () => {
    const { cookie } = await signedIn("AUDITOR");
    expect(await attempt({ cookie })).toEqual({ reached: ALL_STEPS, value: "done", code: null });
  });

  it("stops at the principal step without a session, and records nothing (there is no one to name)", async () => {
    const before = await db.auditEntry.count();
    expect(await attempt({ cookie: null })).toMatchObject({ reached: ["principal"], code: "unauthenticated" });
    expect(await db.auditEntry.count()).toBe(before);
  });

  it("stops at the org step for a stranger, recording the probe once, flagged, in the org it targeted", async () => {
    const { person, cookie } = await signedIn();
    expect(await attempt({ cookie })).toMatchObject({ reached: UP_TO_ORG, code: "not_found" });
    const metadata = { permission: "org.read", reason: "not_a_member", crossTenant: true };
    expect(await trailOf(person.user.id)).toEqual([{ orgId: victim.org.id, action: "access.denied", metadata }]);
  });

  it("stops at the permission step for a role without it, recording the denial once in that organization", async () => {
    const { person, cookie } = await signedIn("AUDITOR");
    const refused = await attempt({ cookie, permission: "members.invite" });
    expect(refused).toMatchObject({ reached: UP_TO_ORG, code: "forbidden" });
    const metadata = { permission: "members.invite", reason: "missing_permission" };
    expect(await trailOf(person.user.id)).toEqual([{ orgId: victim.org.id, action: "access.denied", metadata }]);
  });

  it("stops at parse on invalid input and at confirm without a step-up, recording neither", async () => {
    const { person, cookie } = await signedIn("AUDITOR");
    const invalid = await attempt({ cookie, input: { name: "far too long a name" } });
    expect(invalid).toMatchObject({ reached: ALL_STEPS.slice(0, 3), code: "invalid_input" });
    const stepUp = () => Promise.reject(new AppError("step_up_required", "Confirm it is you."));
    const unconfirmed = await attempt({ cookie, confirm: stepUp });
    expect(unconfirmed).toMatchObject({ reached: ALL_STEPS.slice(0, 4), code: "step_up_required" });
    expect(await trailOf(person.user.id)).toEqual([]);
  });

  it("records a refusal the work carried once, after its transaction rolled back", async () => {
    const { person, cookie } = await signedIn("AUDITOR");
    const refused = await attempt({
      cookie,
      work: async (ctx, tx) => {
        await tx.organization.update({ where: { id: ctx.org.id }, data: { name: "Renamed by refused work" } });
        const denial = { permission: "org.read", reason: "foreign_thing" };
        throw new AppError("not_found", "No such thing.", undefined, denial);
      },
    });
    expect(refused).toMatchObject({ reached: ALL_STEPS, code: "not_found" });
    expect((await db.organization.findUniqueOrThrow({ where: { id: victim.org.id } })).name).toBe(victim.org.name);
    const metadata = { permission: "org.read", reason: "foreign_thing" };
    expect(await trailOf(person.user.id)).toEqual([{ orgId: victim.org.id, action: "access.denied", metadata }]);
  });

  it("records a refused key use once, through the same recorder, whichever step refused it", async () => {
    const { person } = await signedIn();
    const { user } = person;
    const keyId = randomUUID();
    const holder = { userId: user.id, email: user.email };
    const principal = { type: "api_key", keyId, ...holder, name: "Bot", prefix: "vk_test_Ab" } as const;
    const target = { type: "api_key", id: principal.keyId, display: "Bot" };
    const metadata = { reason: "read_only", method: "POST", path: "/api/v1/webhooks" };
    const keyUse = { orgId: person.org.id, principal, target, metadata };
    const refusal = runPipeline({
      request: testContext,
      authorize: () => Promise.reject(new ApiKeyRefusal("forbidden", "Read-only.", {}, keyUse)),
      parse: () => undefined,
      transaction: false,
      run: async () => "never",
    });
    await expect(refusal).rejects.toMatchObject({ code: "forbidden" });
    const entries = await db.auditEntry.findMany({ where: { actorId: principal.keyId } });
    const recorded = { orgId: person.org.id, action: "api_key.use_denied", outcome: "denied", metadata };
    expect(entries).toMatchObject([recorded]);
  });
});
