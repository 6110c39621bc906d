import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareAuditEntry } from "@/lib/audit/append-audit-entry";
import { appendAuditBatch } from "@/lib/audit/append-batch";
import type { AuditAction } from "@/lib/audit/event-catalog";
import type { Db } from "@/lib/db/client";
import { directoryTestStore, s3TestStore, type TestArchiveStore } from "@/lib/testing/archive-test-stores";
import { testDb } from "@/lib/testing/database";
import { createOwner, orgContextFor } from "@/lib/testing/factories";
import { createLegalHold } from "../legal-hold-create";
import type { TCreateLegalHold } from "../legal-hold-schemas";
import { archiveOrg } from "./archive-org";
import { heldBackPurges } from "./held-back-purges";
import { purgeArchive } from "./purge-archive";
import { entriesKey, segmentName } from "./segment-format";

let db: Db;
let scratch: string;
beforeAll(async () => {
  db = testDb();
  scratch = await mkdtemp(path.join(tmpdir(), "verity-held-purge-test-"));
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

/** Default retention is seven years: on this day January 2025 is past it, June 2025 is not. */
const MARCH_2032 = new Date("2032-03-01T00:00:00Z");

/** Segments 1..2 (sign-up, now), 3..256 (January 2025, one signed contract), 257..512 (June 2025). */
async function orgWithArchive(store: TestArchiveStore) {
  const owner = await createOwner();
  const event = (occurredAt: string, action: AuditAction = "custom.test.event") =>
    prepareAuditEntry({
      orgId: owner.org.id,
      action,
      actor: { type: "system", id: null, display: "test" },
      occurredAt,
    });
  const day = (i: number) => String(1 + (i % 28)).padStart(2, "0");
  await appendAuditBatch(
    db,
    Array.from({ length: 254 }, (_, i) =>
      event(`2025-01-${day(i)}T12:00:00.000000Z`, i === 100 ? "custom.contract.signed" : undefined),
    ),
  );
  await appendAuditBatch(
    db,
    Array.from({ length: 300 }, (_, i) => event(`2025-06-${day(i)}T12:00:00.000000Z`)),
  );
  await archiveOrg(db, store.store, { orgId: owner.org.id, olderThanDays: 0 });
  const place = (input: TCreateLegalHold) =>
    db.$transaction((tx) => createLegalHold(tx, orgContextFor(owner, owner.org, "OWNER"), input));
  return { orgId: owner.org.id, place };
}

describe.each([
  ["directory", () => directoryTestStore(scratch)],
  ["S3 (s3rver)", s3TestStore],
] as const)("what each legal hold holds back of the archive's purge, in a %s store", (_kind, open) => {
  let test: TestArchiveStore;
  beforeAll(async () => {
    test = await open();
  });
  afterAll(() => test.stop());

  it("names the segments past retention each hold covers, by the purge's own test", async () => {
    const { orgId, place } = await orgWithArchive(test);
    const contracts = await place({
      name: "Contracts",
      matter: "m",
      scope: { kind: "query", query: "action:custom.contract.*" },
    });
    const refunds = await place({
      name: "Refunds",
      matter: "m",
      scope: { kind: "query", query: "action:custom.refund.*" },
    });
    const june = await place({
      name: "June",
      matter: "m",
      scope: { kind: "dates", from: "2025-06-01T00:00:00.000Z", until: "2025-07-01T00:00:00.000Z" },
    });
    const openStore = async () => test.store;
    // Today nothing is past seven years: nothing is held back.
    expect(await heldBackPurges(db, { orgId, openStore })).toEqual({});

    const held = await heldBackPurges(db, { orgId, openStore, now: MARCH_2032 });
    expect(held).toEqual({ [contracts.id]: { segments: 1, entries: 254, ranges: [{ fromSeq: "3", toSeq: "256" }] } });
    expect(held[refunds.id]).toBeUndefined();
    expect(held[june.id]).toBeUndefined(); // June 2025 is not past retention in March 2032
    // The purge agrees: it holds back exactly that segment, for that hold.
    const run = await purgeArchive(db, test.store, { orgId, now: MARCH_2032 });
    expect(run.held).toEqual([{ fromSeq: 3n, toSeq: 256n, holds: ["Contracts"] }]);
  });

  it("counts a segment it cannot read as held by a search hold: it fails closed like the purge", async () => {
    const { orgId, place } = await orgWithArchive(test);
    const refunds = await place({
      name: "Refunds",
      matter: "m",
      scope: { kind: "query", query: "action:custom.refund.*" },
    });
    await test.remove(entriesKey(segmentName(orgId, 3, 256)));
    const held = await heldBackPurges(db, { orgId, openStore: async () => test.store, now: MARCH_2032 });
    expect(held[refunds.id]).toMatchObject({ segments: 1, ranges: [{ fromSeq: "3", toSeq: "256" }] });
  });
});
