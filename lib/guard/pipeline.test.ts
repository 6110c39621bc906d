import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { ApiKeyRefusal } from "@/lib/api-keys/authenticate-api-key";
import type { OrgContext } from "@/lib/context";
import type { Db } from "@/lib/db/client";
import type { Tx } from "@/lib/db";
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

async function attempt({ cookie, orgSlug = victim.org.slug, permission = "org.read", input = { name: "ok" }, confirm, work }: Attempt) {
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
    (error: unknown) => ({ value: null, code: error instanceof AppError ? error.code : error instanceof z.ZodError ? "invalid_input" : String(error) }),
  );
  return { reached, ...outcome };
}

const trailOf = (actorId: string) =>
  db.auditEntry.findMany({ where: { actorId, outcome: "denied" }, select: { orgId: true, action: true, metadata: true }, orderBy: { seq: "asc" } });

async function signedIn(role?: "AUDITOR") {
  const person = await createOwner();
  await enrolTotp(db, person.user.id);
  if (role) await db.membership.create({ data: { orgId: victim.org.id, userId: person.user.id, role } });
  return { person, cookie: (await sessionCookieFor(db, person.user.id)).cookie };
}

describe("the guard pipeline", () => {
  it("runs request → principal → org and permission → parse → confirm → run, in that order", async () => {
    const { cookie } = await signedIn("AUDITOR");
    expect(await attempt({ cookie })).toEqual({ reached: ["principal", "org and permission", "parse", "confirm", "run"], value: "done", code: null });
  });

  it("stops at the principal step without a session, and records nothing (there is no one to name)", async () => {
    const before = await db.auditEntry.count();
    expect(await attempt({ cookie: null })).toMatchObject({ reached: ["principal"], code: "unauthenticated" });
    expect(await db.auditEntry.count()).toBe(before);
  });

  it("stops at the org step for a stranger, recording the probe once, flagged, in the organization it targeted", async () => {
    const { person, cookie } = await signedIn();
    expect(await attempt({ cookie })).toMatchObject({ reached: ["principal", "org and permission"], code: "not_found" });
    expect(await trailOf(person.user.id)).toEqual([
      { orgId: victim.org.id, action: "access.denied", metadata: { permission: "org.read", reason: "not_a_member", crossTenant: true } },
    ]);
  });

  it("stops at the permission step for a role without it, recording the denial once in that organization", async () => {
    const { person, cookie } = await signedIn("AUDITOR");
    expect(await attempt({ cookie, permission: "members.invite" })).toMatchObject({ reached: ["principal", "org and permission"], code: "forbidden" });
    expect(await trailOf(person.user.id)).toEqual([
      { orgId: victim.org.id, action: "access.denied", metadata: { permission: "members.invite", reason: "missing_permission" } },
    ]);
  });

  it("stops at the parse step for invalid input and at the confirm step for a missing step-up, recording neither", async () => {
    const { person, cookie } = await signedIn("AUDITOR");
    expect(await attempt({ cookie, input: { name: "far too long a name" } })).toMatchObject({ reached: ["principal", "org and permission", "parse"], code: "invalid_input" });
    const stepUp = () => Promise.reject(new AppError("step_up_required", "Confirm it is you."));
    expect(await attempt({ cookie, confirm: stepUp })).toMatchObject({ reached: ["principal", "org and permission", "parse", "confirm"], code: "step_up_required" });
    expect(await trailOf(person.user.id)).toEqual([]);
  });

  it("records a refusal the work carried once, after its transaction rolled back", async () => {
    const { person, cookie } = await signedIn("AUDITOR");
    const refused = await attempt({
      cookie,
      work: async (ctx, tx) => {
        await tx.organization.update({ where: { id: ctx.org.id }, data: { name: "Renamed by refused work" } });
        throw new AppError("not_found", "No such thing.", undefined, { permission: "org.read", reason: "foreign_thing" });
      },
    });
    expect(refused).toMatchObject({ reached: ["principal", "org and permission", "parse", "confirm", "run"], code: "not_found" });
    expect((await db.organization.findUniqueOrThrow({ where: { id: victim.org.id } })).name).toBe(victim.org.name);
    expect(await trailOf(person.user.id)).toEqual([{ orgId: victim.org.id, action: "access.denied", metadata: { permission: "org.read", reason: "foreign_thing" } }]);
  });

  it("records a refused key use once, through the same recorder, whichever step refused it", async () => {
    const { person } = await signedIn();
    const principal = { type: "api_key", keyId: randomUUID(), userId: person.user.id, email: person.user.email, name: "Bot", prefix: "vk_test_Ab" } as const;
    const keyUse = { orgId: person.org.id, principal, target: { type: "api_key", id: principal.keyId, display: "Bot" }, metadata: { reason: "read_only", method: "POST", path: "/api/v1/webhooks" } };
    const refusal = runPipeline({
      request: testContext,
      authorize: () => Promise.reject(new ApiKeyRefusal("forbidden", "Read-only.", {}, keyUse)),
      parse: () => undefined,
      transaction: false,
      run: async () => "never",
    });
    await expect(refusal).rejects.toMatchObject({ code: "forbidden" });
    const entries = await db.auditEntry.findMany({ where: { actorId: principal.keyId } });
    expect(entries).toMatchObject([{ orgId: person.org.id, action: "api_key.use_denied", outcome: "denied", metadata: { reason: "read_only" } }]);
  });
});
