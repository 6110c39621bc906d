import { beforeAll, describe, expect, it } from "vitest";
import { GET as getMe } from "@/app/api/v1/me/route";
import { POST as postAuditEvent } from "@/app/api/v1/audit-events/route";
import { verifyChain } from "@/lib/audit/verify-chain";
import type { Db } from "@/lib/db/client";
import { callApiRaw, type ApiHandler } from "@/lib/testing/api";
import { testDb } from "@/lib/testing/database";
import { seedDemo } from "./seed-demo";

let db: Db;
beforeAll(() => {
  db = testDb();
});

const call = (handler: ApiHandler, key: string, ip: string, method = "GET") =>
  callApiRaw(handler, "/", { key, ip, method, ...(method === "POST" ? { body: { action: "demo.try" } } : {}) });

describe("verity seed --demo", () => {
  it("creates acme with its people, an intact trail, and two API keys that work at once", async () => {
    const seeded = await seedDemo({ entries: 40 });
    expect(seeded.logins.map((login) => login.role)).toEqual(["owner", "admin", "member", "auditor"]);
    const [live, reader] = seeded.apiKeys;
    expect(live).toMatchObject({ environment: "live", readOnly: false, allowedCidrs: ["127.0.0.1/32", "::1/128"] });
    expect(live.key).toMatch(/^vk_live_[0-9A-Za-z]{28}$/);
    expect(reader).toMatchObject({ environment: "test", readOnly: true });
    expect(reader.key).toMatch(/^vk_test_[0-9A-Za-z]{28}$/);
    expect(seeded.tryIt).toContain(live.key);

    const me = await call(getMe, live.key, "127.0.0.1");
    expect(me.status).toBe(200);
    expect((await me.json()).actingFor.role).toBe("ADMIN");
    expect((await call(getMe, live.key, "::1")).status).toBe(200);
    expect((await call(getMe, live.key, "198.51.100.1")).status).toBe(403);
    expect((await call(getMe, reader.key, "198.51.100.1")).status).toBe(200);
    expect((await call(postAuditEvent, reader.key, "127.0.0.1", "POST")).status).toBe(403);

    const org = await db.organization.findUniqueOrThrow({ where: { slug: "acme" } });
    expect(
      await db.auditEntry.count({ where: { orgId: org.id, action: "api_key.created", actorType: "user" } }),
    ).toBeGreaterThanOrEqual(2);
    expect((await verifyChain({ db, orgId: org.id })).ok).toBe(true);
  });
});
