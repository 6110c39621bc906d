import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { testDb } from "@/lib/testing/database";
import { createOwner, orgContextFor } from "@/lib/testing/factories";
import { deleteAuditSearch, listSavedSearches, saveAuditSearch } from "./saved-searches";

/** Saved audit searches (issue 22): one's own, or shared with the organization; sharing and its deletion are audited. */

let db: Db;
let acme: Awaited<ReturnType<typeof createOwner>>;
let auditor: Awaited<ReturnType<typeof createOwner>>;
let other: Awaited<ReturnType<typeof createOwner>>;

beforeAll(async () => {
  db = testDb();
  acme = await createOwner();
  // A second person in Acme: an auditor (their own org from sign-up aside).
  auditor = await createOwner();
  await db.membership.create({ data: { orgId: acme.org.id, userId: auditor.user.id, role: "AUDITOR" } });
  other = await createOwner();
});

const owner = () => orgContextFor(acme, acme.org, "OWNER");
const asAuditor = () => orgContextFor(auditor, acme.org, "AUDITOR");
const save = (ctx: ReturnType<typeof owner>, input: unknown) =>
  db.$transaction((tx) => saveAuditSearch(tx, ctx, input));
const remove = (ctx: ReturnType<typeof owner>, id: string) =>
  db.$transaction((tx) => deleteAuditSearch(tx, ctx, { id }));
const actionsOf = async (orgId: string) =>
  (await db.auditEntry.findMany({ where: { orgId, category: "audit" }, orderBy: { seq: "asc" } })).map((e) => [
    e.action,
    e.actorDisplay,
    e.metadata,
  ]);

describe("saved audit searches", () => {
  it("keeps one's own searches to oneself and shares shared ones with the organization, recording the sharing", async () => {
    const mine = await save(asAuditor(), { name: "Denied keys", query: "actor:vk_live_ outcome:denied" });
    const shared = await save(asAuditor(), { name: "Wallet freezes", query: "action:custom.wallet.*", shared: "on" });
    expect(mine).toMatchObject({ shared: false, mine: true });
    expect(shared).toMatchObject({ shared: true, mine: true });

    expect((await listSavedSearches(db, acme.org.id, auditor.user.id)).map((s) => s.name)).toEqual([
      "Denied keys",
      "Wallet freezes",
    ]);
    // The owner sees only the shared one, and not as theirs.
    expect(await listSavedSearches(db, acme.org.id, acme.user.id)).toEqual([
      { id: shared.id, name: "Wallet freezes", query: "action:custom.wallet.*", shared: true, mine: false },
    ]);
    // Another organization sees none.
    expect(await listSavedSearches(db, other.org.id, other.user.id)).toEqual([]);
    // Only the shared one is in the trail.
    expect(await actionsOf(acme.org.id)).toEqual([
      ["audit.search_shared", auditor.user.email, { name: "Wallet freezes", query: "action:custom.wallet.*" }],
    ]);
  });

  it("refuses a search that does not parse, or has no name, and writes nothing", async () => {
    await expect(save(owner(), { name: "Bad", query: "outcome:maybe" })).rejects.toThrow(/Unknown outcome "maybe"/);
    await expect(save(owner(), { name: " ", query: "wal_97" })).rejects.toThrow(/Give the search a name/);
    expect(await listSavedSearches(db, acme.org.id, acme.user.id)).toHaveLength(1);
  });

  it("lets the saver, an owner or an admin delete a shared search (recorded), nobody delete another's own", async () => {
    const [privateOne] = (await listSavedSearches(db, acme.org.id, auditor.user.id)).filter((s) => !s.shared);
    await expect(remove(owner(), privateOne.id)).rejects.toThrow("There is no such saved search.");
    await expect(remove(orgContextFor(other, other.org), privateOne.id)).rejects.toThrow(
      "There is no such saved search.",
    );

    const sharedByOwner = await save(owner(), { name: "Sign-ins", query: "action:user.signed_in", shared: true });
    await expect(remove(asAuditor(), sharedByOwner.id)).rejects.toThrow(/Only whoever shared this search/);
    const [sharedByAuditor] = (await listSavedSearches(db, acme.org.id, acme.user.id)).filter((s) => !s.mine);
    await remove(owner(), sharedByAuditor.id);
    await remove(asAuditor(), privateOne.id);
    expect((await listSavedSearches(db, acme.org.id, auditor.user.id)).map((s) => s.name)).toEqual(["Sign-ins"]);
    expect((await actionsOf(acme.org.id)).map(([action, actor]) => [action, actor])).toEqual([
      ["audit.search_shared", auditor.user.email],
      ["audit.search_shared", acme.user.email],
      ["audit.shared_search_deleted", acme.user.email],
    ]);
  });
});
