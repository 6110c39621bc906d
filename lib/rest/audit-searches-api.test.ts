import { beforeAll, describe, expect, it } from "vitest";
import { GET as listSearches, POST as postSearch } from "@/app/api/v1/audit-searches/route";
import { DELETE as deleteSearch } from "@/app/api/v1/audit-searches/[searchId]/route";
import { MAX_SAVED_SEARCHES_PER_USER } from "@/lib/audit/saved-searches";
import type { Db } from "@/lib/db/client";
import { callApi, createTestKey } from "@/lib/testing/api";
import { createOwner } from "@/lib/testing/factories";
import { testDb } from "@/lib/testing/database";

let db: Db;
beforeAll(() => {
  db = testDb();
});

/** An organization with an owner, an admin and an auditor, each with a key that reads the trail and may write. */
async function team() {
  const owner = await createOwner();
  const join = async (role: "ADMIN" | "AUDITOR") => {
    const person = await createOwner();
    await db.membership.create({ data: { orgId: owner.org.id, userId: person.user.id, role } });
    return { ...person, org: owner.org };
  };
  const admin = await join("ADMIN");
  const auditor = await join("AUDITOR");
  const keyOf = async (person: typeof owner, role: "OWNER" | "ADMIN" | "AUDITOR", scopes: string[]) =>
    (await createTestKey(db, person, owner.org, { scopes: scopes as never }, role)).key;
  return {
    owner,
    auditor,
    ownerKey: await keyOf(owner, "OWNER", ["audit.read", "org.update"]),
    adminKey: await keyOf(admin, "ADMIN", ["audit.read"]),
    auditorKey: await keyOf(auditor, "AUDITOR", ["audit.read"]),
  };
}

const save = (key: string, body: unknown) => callApi(postSearch, "/audit-searches", { key, method: "POST", body });
const remove = (key: string, id: string) =>
  callApi(deleteSearch, `/audit-searches/${id}`, { key, method: "DELETE", params: { searchId: id } });
const list = async (key: string) => (await callApi(listSearches, "/audit-searches", { key })).body.data;
const lastAction = async (orgId: string) =>
  (await db.auditEntry.findFirstOrThrow({ where: { orgId }, orderBy: { seq: "desc" } })).action;

describe("/api/v1/audit-searches", () => {
  it("saves a person's own and shared searches, lists what each sees, and audits sharing and deleting shared ones", async () => {
    const { owner, auditorKey, adminKey, ownerKey } = await team();
    const mine = await save(auditorKey, { name: "Denied", query: "outcome:denied" });
    expect(mine.status).toBe(201);
    expect(mine.body).toEqual({
      id: expect.any(String),
      name: "Denied",
      query: "outcome:denied",
      shared: false,
      mine: true,
    });
    const shared = await save(auditorKey, { name: "Key changes", query: "action:api_key.*", shared: true });
    expect(shared.status).toBe(201);
    const sharedEntry = await db.auditEntry.findFirstOrThrow({
      where: { orgId: owner.org.id, action: "audit.search_shared" },
    });
    expect(sharedEntry).toMatchObject({ actorType: "api_key", targetId: shared.body.id });
    expect(sharedEntry.metadata).toEqual({ name: "Key changes", query: "action:api_key.*" });

    // The auditor sees both, the admin only the shared one (not theirs).
    expect((await list(auditorKey)).map((s: { name: string }) => s.name)).toEqual(["Denied", "Key changes"]);
    expect(await list(adminKey)).toEqual([{ ...shared.body, mine: false }]);

    // Someone else's own search is unknown; a shared one is deleted by its saver or by whoever may change the org.
    expect((await remove(adminKey, mine.body.id)).status).toBe(404);
    const refused = await remove(adminKey, shared.body.id);
    expect(refused.status).toBe(403);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    const deleted = await remove(ownerKey, shared.body.id);
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ deleted: true, id: shared.body.id });
    expect(await lastAction(owner.org.id)).toBe("audit.shared_search_deleted");
    const own = await remove(auditorKey, mine.body.id);
    expect(own.status).toBe(200);
    expect(await list(auditorKey)).toEqual([]);
  });

  it("answers bad input with problem+json and writes nothing: a malformed query, a bad body, the limit, other orgs", async () => {
    const { owner, auditorKey, auditor } = await team();
    const before = await db.auditSavedSearch.count({ where: { orgId: owner.org.id } });
    const malformed = await save(auditorKey, { name: "Bad", query: "outcome:maybe" });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get("content-type")).toBe("application/problem+json");
    expect(malformed.body.detail).toContain('Unknown outcome "maybe"');
    expect((await save(auditorKey, { name: "", query: "x" })).status).toBe(400);
    expect((await save(auditorKey, { name: "x", query: "x", shared: "on" })).status).toBe(400);
    expect((await save(auditorKey, { name: "x", query: "x", owner: "someone" })).status).toBe(400);
    expect((await remove(auditorKey, "not-a-uuid")).status).toBe(400);
    expect(await db.auditSavedSearch.count({ where: { orgId: owner.org.id } })).toBe(before);

    await db.auditSavedSearch.createMany({
      data: Array.from({ length: MAX_SAVED_SEARCHES_PER_USER }, (_, i) => ({
        orgId: owner.org.id,
        userId: auditor.user.id,
        name: `Search ${i}`,
        query: "outcome:denied",
      })),
    });
    const full = await save(auditorKey, { name: "One more", query: "outcome:denied" });
    expect(full.status).toBe(409);
    expect(full.body.detail).toContain(`${MAX_SAVED_SEARCHES_PER_USER} saved searches`);

    // Another organization's key cannot see or delete this organization's searches.
    const other = await team();
    const [theirs] = await list(auditorKey);
    expect(await list(other.auditorKey)).toEqual([]);
    expect((await remove(other.ownerKey, theirs.id)).status).toBe(404);
    expect(await db.auditSavedSearch.count({ where: { id: theirs.id } })).toBe(1);
  });

  it("is refused to a read-only key for writes and to a key without audit.read", async () => {
    const { owner } = await team();
    const readOnly = (await createTestKey(db, owner, owner.org, { scopes: ["audit.read"], readOnly: true })).key;
    expect((await callApi(listSearches, "/audit-searches", { key: readOnly })).status).toBe(200);
    expect((await save(readOnly, { name: "x", query: "outcome:denied" })).status).toBe(403);
    const noAudit = (await createTestKey(db, owner, owner.org, { scopes: ["org.read"] })).key;
    expect((await callApi(listSearches, "/audit-searches", { key: noAudit })).status).toBe(403);
  });
});
