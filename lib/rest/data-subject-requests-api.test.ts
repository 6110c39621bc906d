import { beforeAll, describe, expect, it } from "vitest";
import { GET as getRequests, POST as postRequest } from "@/app/api/v1/data-subject-requests/route";
import { GET as getPackage } from "@/app/api/v1/data-subject-requests/[requestId]/access-package/route";
import { POST as postComplete } from "@/app/api/v1/data-subject-requests/[requestId]/complete/route";
import { POST as postReject } from "@/app/api/v1/data-subject-requests/[requestId]/reject/route";
import type { Db } from "@/lib/db/client";
import { roleHasPermission } from "@/lib/rbac/permissions";
import { callApi, createTestKey } from "@/lib/testing/api";
import { testDb } from "@/lib/testing/database";
import { createOwner } from "@/lib/testing/factories";

let db: Db;
beforeAll(() => {
  db = testDb();
});

const SCOPES: "privacy_requests.manage"[] = ["privacy_requests.manage"];

describe("/api/v1/data-subject-requests", () => {
  it("lets owners and admins record, list, answer and download requests; nobody else", async () => {
    expect(
      (["OWNER", "ADMIN", "MEMBER", "AUDITOR"] as const).map((role) =>
        roleHasPermission(role, "privacy_requests.manage"),
      ),
    ).toEqual([true, true, false, false]);
    const owner = await createOwner();
    const auditor = await createOwner();
    await db.membership.create({ data: { orgId: owner.org.id, userId: auditor.user.id, role: "AUDITOR" } });
    await expect(
      createTestKey(db, { user: auditor.user }, owner.org, { scopes: SCOPES }, "AUDITOR"),
    ).rejects.toMatchObject({ code: "forbidden" });
    const key = (await createTestKey(db, owner, owner.org, { scopes: SCOPES })).key;

    const access = await callApi(postRequest, "/data-subject-requests", {
      key,
      method: "POST",
      body: { subject: auditor.user.email, type: "access", regime: "CCPA" },
    });
    expect(access.status, JSON.stringify(access.body)).toBe(201);
    expect(access.body).toMatchObject({ status: "received", regime: "CCPA", daysLeft: 45, overdue: false });
    const listed = await callApi(getRequests, "/data-subject-requests", { key });
    expect(listed.body.data.map((request: { id: string }) => request.id)).toEqual([access.body.id]);

    const params = { requestId: access.body.id };
    const pkg = await callApi(getPackage, `/data-subject-requests/${access.body.id}/access-package`, { key, params });
    expect(pkg.status).toBe(200);
    expect(pkg.headers.get("content-disposition")).toMatch(/attachment; filename=".+-access-.+\.json"/);
    expect(pkg.body).toMatchObject({ type: "verity.subject-access", profile: { email: auditor.user.email } });
    expect(pkg.body.memberships).toEqual([expect.objectContaining({ role: "AUDITOR" })]);

    const done = await callApi(postComplete, `/data-subject-requests/${access.body.id}/complete`, {
      key,
      method: "POST",
      params,
      body: { note: "Sent by email." },
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: "completed", reason: "Sent by email." });
    const again = await callApi(postReject, `/data-subject-requests/${access.body.id}/reject`, {
      key,
      method: "POST",
      params,
      body: { reason: "late" },
    });
    expect(again.status).toBe(409);

    const actions = await db.auditEntry.findMany({
      where: { orgId: owner.org.id, category: "privacy" },
      orderBy: { seq: "asc" },
    });
    expect(actions.map((entry) => [entry.action, entry.actorType])).toEqual([
      ["dsr.received", "api_key"],
      ["privacy.data_exported", "api_key"],
      ["dsr.completed", "api_key"],
    ]);
  });

  it("answers bad input with 400 problem+json, and another organization's request with 404", async () => {
    const owner = await createOwner();
    const other = await createOwner();
    const key = (await createTestKey(db, owner, owner.org, { scopes: SCOPES })).key;
    const otherKey = (await createTestKey(db, other, other.org, { scopes: SCOPES })).key;
    const cases = [
      [{ subject: "nobody", type: "access", regime: "GDPR" }, "subject"],
      [{ subject: "a@example.com", type: "portability", regime: "GDPR" }, "type"],
      [{ subject: "a@example.com", type: "access", regime: "PIPEDA" }, "regime"],
      [{ subject: "a@example.com", type: "access", regime: "GDPR", receivedAt: "yesterday" }, "receivedAt"],
      [{ subject: "a@example.com", type: "access", regime: "GDPR", extra: 1 }, "_"],
    ] as const;
    for (const [body, field] of cases) {
      const answer = await callApi(postRequest, "/data-subject-requests", { key, method: "POST", body });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.headers.get("content-type")).toBe("application/problem+json");
      expect(Object.keys(answer.body.errors ?? {}).join(","), JSON.stringify(answer.body)).toContain(field);
    }
    const badId = await callApi(postReject, "/data-subject-requests/nope/reject", {
      key,
      method: "POST",
      params: { requestId: "nope" },
      body: { reason: "r" },
    });
    expect(badId.status).toBe(400);

    const mine = await callApi(postRequest, "/data-subject-requests", {
      key,
      method: "POST",
      body: { subject: "someone@example.com", type: "erasure", regime: "GDPR" },
    });
    const params = { requestId: mine.body.id };
    const foreign = await callApi(postComplete, `/data-subject-requests/${mine.body.id}/complete`, {
      key: otherKey,
      method: "POST",
      params,
      body: {},
    });
    expect(foreign.status).toBe(404);
    expect(foreign.headers.get("content-type")).toBe("application/problem+json");
    const peek = await callApi(getPackage, `/data-subject-requests/${mine.body.id}/access-package`, {
      key: otherKey,
      params,
    });
    expect(peek.status).toBe(404);
    expect((await callApi(getRequests, "/data-subject-requests", { key: otherKey })).body.data).toEqual([]);
    const flagged = await db.auditEntry.findMany({
      where: { orgId: owner.org.id, outcome: "denied" },
      select: { metadata: true },
    });
    expect(JSON.stringify(flagged)).toContain("foreign_data_subject_request");
    expect((await db.dataSubjectRequest.findUniqueOrThrow({ where: { id: mine.body.id } })).status).toBe("received");
  });
});
