import { beforeAll, describe, expect, it } from "vitest";
import { appendAuditEntry, committedEntry, type AuditEvent } from "./append-audit-entry";
import { appendAuditEntryOnItsOwn } from "./append-audit-entry-on-its-own";
import { appendForUser } from "./append-for-user";
import { verifyChain } from "./verify-chain";
import type { Db } from "@/lib/db/client";
import { testDb } from "@/lib/testing/database";
import { createOwner } from "@/lib/testing/factories";

/**
 * Whether an entry joins the caller's transaction or commits on its own is in the function's name,
 * and the other kind of client is refused: by the type checker (the @ts-expect-error lines fail
 * `tsc --noEmit` the day either call compiles), and at run time, before anything is written.
 */
let db: Db;
beforeAll(() => {
  db = testDb();
});

const event = (orgId: string): AuditEvent => ({
  orgId,
  action: "custom.test.event",
  actor: { type: "system", id: null, display: "test" },
});
const trailLength = (orgId: string) => db.auditEntry.count({ where: { orgId } });

describe("appending in the caller's transaction or on its own", () => {
  it("refuses the plain client where a transaction is required", async () => {
    const { org, user } = await createOwner();
    // @ts-expect-error the client is not a transaction: it would commit the entry on its own
    await expect(appendAuditEntry(db, event(org.id))).rejects.toThrow(/appendAuditEntryOnItsOwn/);
    // @ts-expect-error the same for a person's event in each of their organizations
    await expect(appendForUser(db, user, { action: "user.signed_out", metadata: {} })).rejects.toThrow(
      /appendAuditEntryOnItsOwn/,
    );
    expect(await trailLength(org.id)).toBe(2);
  });

  it("refuses a transaction where the entry must commit on its own", async () => {
    const { org } = await createOwner();
    await expect(
      // @ts-expect-error a transaction client: the entry would wait for (and roll back with) the caller's transaction
      db.$transaction((tx) => appendAuditEntryOnItsOwn(tx, event(org.id))),
    ).rejects.toThrow(/use appendAuditEntry/);
    expect(await trailLength(org.id)).toBe(2);
  });

  it("links both kinds into one chain", async () => {
    const { org } = await createOwner();
    const inTransaction = await committedEntry(db, await db.$transaction((tx) => appendAuditEntry(tx, event(org.id))));
    const onItsOwn = await appendAuditEntryOnItsOwn(db, event(org.id));
    expect([inTransaction.seq, onItsOwn.seq]).toEqual([3n, 4n]);
    expect(await verifyChain({ db, orgId: org.id })).toMatchObject({ ok: true, checked: 4, headHash: onItsOwn.hash });
  });
});
