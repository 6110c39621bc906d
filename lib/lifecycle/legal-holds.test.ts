import { beforeAll, describe, expect, it } from "vitest";
import { appendAuditEntry, committedEntry } from "@/lib/audit/append-audit-entry";
import { entryViewOf, AUDIT_ENTRY_COLUMNS, type AuditEntryRow } from "@/lib/audit/entry-view-of";
import type { Db } from "@/lib/db/client";
import { testDb } from "@/lib/testing/database";
import { createOwner, orgContextFor } from "@/lib/testing/factories";
import { createLegalHold } from "./legal-hold-create";
import { listLegalHolds } from "./legal-hold-list";
import { releaseLegalHold } from "./legal-hold-release";
import type { TCreateLegalHold } from "./legal-hold-schemas";
import { holdsCoveringRange, holdsCoveringSubject } from "./legal-holds-covering";

let db: Db;
beforeAll(() => {
  db = testDb();
});

type Owner = Awaited<ReturnType<typeof createOwner>>;

/**
 * An organization whose trail, after its sign-up entries, holds three entries of its own: ada acting in
 * March 2025 (seq a), bob as the target of an export in June 2025 (seq b), and a system entry now (seq c).
 */
async function orgWithHistory() {
  const owner = await createOwner();
  const [ada, bob] = [crypto.randomUUID(), crypto.randomUUID()];
  const append = (event: Parameters<typeof appendAuditEntry>[1]) =>
    db.$transaction((tx) => appendAuditEntry(tx, event)).then((entry) => committedEntry(db, entry));
  const a = await append({
    orgId: owner.org.id,
    action: "custom.contract.signed",
    actor: { type: "user", id: ada, display: "ada@example.test" },
    metadata: { contract: "Northwind 7" },
    occurredAt: "2025-03-10T12:00:00.000000Z",
  });
  const b = await append({
    orgId: owner.org.id,
    action: "custom.report.exported",
    actor: { type: "system", id: null, display: "exporter" },
    target: { type: "user", id: bob, display: "bob@example.test" },
    metadata: {},
    occurredAt: "2025-06-20T08:00:00.000000Z",
  });
  const c = await append({
    orgId: owner.org.id,
    action: "custom.backup.done",
    actor: { type: "system", id: null, display: "backup" },
    metadata: {},
  });
  return { owner, ada, bob, seqs: { a: a.seq, b: b.seq, c: c.seq } };
}

const place = (owner: Owner, input: TCreateLegalHold, role: "OWNER" | "ADMIN" = "OWNER") =>
  db.$transaction((tx) => createLegalHold(tx, orgContextFor(owner, owner.org, role), input));
const release = (owner: Owner, holdId: string, reason = "The matter is closed.") =>
  db.$transaction((tx) => releaseLegalHold(tx, orgContextFor(owner, owner.org), { holdId, reason }));
const rangeOf = (seq: bigint, time: string) => ({
  fromSeq: seq,
  toSeq: seq,
  fromTime: new Date(time),
  toTime: new Date(time),
});
const names = (holds: { name: string }[]) => holds.map((hold) => hold.name).sort();

describe("a legal hold", () => {
  it("is placed and released with an audit entry each, in the same transaction, and never deleted", async () => {
    const { owner } = await orgWithHistory();
    const hold = await place(owner, { name: "Northwind dispute", matter: "Case 24-118", scope: { kind: "org" } });
    expect(hold).toMatchObject({ status: "active", name: "Northwind dispute", createdBy: { id: owner.user.id } });
    expect(hold.coveredEntries).toBeGreaterThanOrEqual(4);
    expect(hold.holdingBack).toEqual({ purgeEntries: hold.coveredEntries });
    const created = await db.auditEntry.findFirstOrThrow({
      where: { orgId: owner.org.id, action: "legal_hold.created" },
    });
    expect(created).toMatchObject({
      category: "privacy",
      targetType: "legal_hold",
      targetId: hold.id,
      actorId: owner.user.id,
    });
    expect(created.metadata).toEqual({ name: "Northwind dispute", scope: { kind: "org" }, reason: "Case 24-118" });

    const released = await release(owner, hold.id);
    expect(released).toMatchObject({ status: "released", releaseReason: "The matter is closed.", holdingBack: null });
    const entry = await db.auditEntry.findFirstOrThrow({
      where: { orgId: owner.org.id, action: "legal_hold.released" },
    });
    expect(entry.metadata).toEqual({
      name: "Northwind dispute",
      scope: { kind: "org" },
      reason: "The matter is closed.",
    });
    // Released once: a second release is a conflict, and leaves no second entry.
    await expect(release(owner, hold.id)).rejects.toMatchObject({ code: "conflict" });
    expect(await db.auditEntry.count({ where: { orgId: owner.org.id, action: "legal_hold.released" } })).toBe(1);
    // The database itself keeps the record: no delete, no change after release.
    await expect(db.legalHold.delete({ where: { id: hold.id } })).rejects.toThrow(/cannot be deleted/);
    await expect(db.legalHold.update({ where: { id: hold.id }, data: { name: "x" } })).rejects.toThrow(/cannot change/);
    expect(await listLegalHolds(db, owner)).toEqual([released]);
  });

  it("refuses bad input without writing anything", async () => {
    const { owner } = await orgWithHistory();
    const bad: unknown[] = [
      { name: "", matter: "x", scope: { kind: "org" } },
      { name: "n", matter: "x", scope: { kind: "people", people: [] } },
      { name: "n", matter: "x", scope: { kind: "dates" } },
      { name: "n", matter: "x", scope: { kind: "dates", from: "2025-06-01", until: "2025-01-01" } },
      { name: "n", matter: "x", scope: { kind: "query", query: "action:" } },
      { name: "n", matter: "x", scope: { kind: "everything" } },
    ];
    for (const input of bad) await expect(place(owner, input as TCreateLegalHold)).rejects.toThrow();
    expect(await db.legalHold.count({ where: { orgId: owner.org.id } })).toBe(0);
    expect(await db.auditEntry.count({ where: { orgId: owner.org.id, action: { startsWith: "legal_hold." } } })).toBe(
      0,
    );
  });

  it("answers another organization's hold like an unknown one", async () => {
    const { owner } = await orgWithHistory();
    const stranger = await createOwner();
    const hold = await place(owner, { name: "Mine", matter: "m", scope: { kind: "org" } });
    await expect(release(stranger, hold.id)).rejects.toMatchObject({ code: "not_found" });
    expect((await db.legalHold.findUniqueOrThrow({ where: { id: hold.id } })).releasedAt).toBeNull();
  });
});

describe("what a hold covers", () => {
  it("counts and holds back purging of the entries of each kind of scope, until released", async () => {
    const { owner, ada, seqs } = await orgWithHistory();
    const people = await place(owner, { name: "ada", matter: "m", scope: { kind: "people", people: [ada] } });
    const emails = await place(owner, {
      name: "bob",
      matter: "m",
      scope: { kind: "people", people: ["BOB@example.test"] },
    });
    const dates = await place(owner, {
      name: "spring",
      matter: "m",
      scope: { kind: "dates", from: "2025-03-01", until: "2025-03-31" },
    });
    const query = await place(owner, {
      name: "exports",
      matter: "m",
      scope: { kind: "query", query: "action:custom.report.*" },
    });
    expect([people, emails, dates, query].map((hold) => hold.coveredEntries)).toEqual([1, 1, 1, 1]);
    expect(dates.scope).toEqual({ kind: "dates", from: "2025-03-01T00:00:00.000Z", until: "2025-04-01T00:00:00.000Z" });

    const orgId = owner.org.id;
    expect(names(await holdsCoveringRange(db, orgId, rangeOf(seqs.a, "2025-03-10T12:00:00Z")))).toEqual([
      "ada",
      "spring",
    ]);
    expect(names(await holdsCoveringRange(db, orgId, rangeOf(seqs.b, "2025-06-20T08:00:00Z")))).toEqual([
      "bob",
      "exports",
    ]);
    expect(await holdsCoveringRange(db, orgId, rangeOf(seqs.c, new Date().toISOString()))).toEqual([]);
    const wide = { fromSeq: seqs.a, toSeq: seqs.c, fromTime: new Date("2025-03-10"), toTime: new Date() };
    expect(names(await holdsCoveringRange(db, orgId, wide))).toEqual(["ada", "bob", "exports", "spring"]);

    await release(owner, dates.id);
    await release(owner, people.id);
    expect(await holdsCoveringRange(db, orgId, rangeOf(seqs.a, "2025-03-10T12:00:00Z"))).toEqual([]);
    const listed = await listLegalHolds(db, owner);
    expect(listed.map((hold) => [hold.name, hold.status])).toEqual([
      ["exports", "active"],
      ["bob", "active"],
      ["spring", "released"],
      ["ada", "released"],
    ]);
  });

  it("tests people and searches on a segment's entries when they are handed in, and fails closed without them", async () => {
    const { owner, ada, seqs } = await orgWithHistory();
    await place(owner, { name: "ada", matter: "m", scope: { kind: "people", people: [ada] } });
    await place(owner, { name: "contracts", matter: "m", scope: { kind: "query", query: '"Northwind 7"' } });
    const rows = await db.$queryRaw<AuditEntryRow[]>`
      SELECT ${AUDIT_ENTRY_COLUMNS} FROM audit_entries WHERE org_id = ${owner.org.id}::uuid AND seq BETWEEN ${seqs.a} AND ${seqs.b}`;
    const entries = rows.map(entryViewOf);
    const range = { fromSeq: seqs.a, toSeq: seqs.b, fromTime: new Date("2025-03-10"), toTime: new Date("2025-06-21") };
    expect(names(await holdsCoveringRange(db, owner.org.id, range, entries))).toEqual(["ada", "contracts"]);
    const onlyB = { ...range, fromSeq: seqs.b };
    expect(await holdsCoveringRange(db, owner.org.id, onlyB, entries.slice(1))).toEqual([]);
    // Seqs no longer in PostgreSQL and not handed in: the holds cannot be ruled out, so they cover the range.
    const gone = { ...range, fromSeq: seqs.c + 1000n, toSeq: seqs.c + 1001n };
    expect(names(await holdsCoveringRange(db, owner.org.id, gone))).toEqual(["ada", "contracts"]);
  });

  it("holds back erasure of the people it covers", async () => {
    const { owner, ada, bob } = await orgWithHistory();
    const member = await createOwner();
    const subjects = async () => ({
      ada: names(await holdsCoveringSubject(db, owner.org.id, ada)),
      bob: names(await holdsCoveringSubject(db, owner.org.id, bob)),
      member: names(await holdsCoveringSubject(db, owner.org.id, member.user.id)),
    });
    await place(owner, { name: "ada", matter: "m", scope: { kind: "people", people: [ada] } });
    await place(owner, {
      name: "member",
      matter: "m",
      scope: { kind: "people", people: [member.user.email.toUpperCase()] },
    });
    await place(owner, { name: "summer", matter: "m", scope: { kind: "dates", from: "2025-06-01T00:00:00Z" } });
    expect(await subjects()).toEqual({ ada: ["ada"], bob: ["summer"], member: ["member"] });
    const everyone = await place(owner, { name: "all", matter: "m", scope: { kind: "org" } });
    expect((await subjects()).bob).toEqual(["all", "summer"]);
    await release(owner, everyone.id);
    expect(await subjects()).toEqual({ ada: ["ada"], bob: ["summer"], member: ["member"] });
  });
});
