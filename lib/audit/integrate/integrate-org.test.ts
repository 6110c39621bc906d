import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { IntegrationHaltAlert } from "@/components/audit/integration-halt-alert";
import type { Db, Tx } from "@/lib/db/client";
import { testDb } from "@/lib/testing/database";
import { appendMany, asSuperuser, cutTo, moveHeadBackTo, rewriteFrom } from "@/lib/testing/audit-tampering";
import { createOwner } from "@/lib/testing/factories";
import { parseCheckpoint } from "../checkpoints/checkpoint-text";
import { openNote } from "../checkpoints/signed-note";
import { leafHash, perfectRoot } from "../tree/merkle-hash";
import { MemoryTiles } from "../tree/memory-tiles";
import { rootFromLeaves } from "../tree/verify-proofs";
import { TILE_WIDTH } from "../tree/tiles";
import { checkpointNow } from "./checkpoint-now";
import { databaseTiles } from "./database-tiles";
import { integrateDueOrgs } from "./integrate-due-orgs";
import { integrateOrg } from "./integrate-org";
import { integrationHalt } from "./integration-halt";
import { listCheckpoints } from "./last-checkpoint";
import { logVerifiers } from "./log-verifiers";
import { forgetEdges } from "./tree-edge-cache";

let db: Db;
beforeAll(() => {
  db = testDb();
});
// Each test starts from the database, as another worker (or a restarted one) would.
beforeEach(() => forgetEdges());

/** The leaf hashes of the org's chain as it stands: SHA-256(0x00 ‖ chain hash) in seq order. */
async function chainLeaves(orgId: string): Promise<Buffer[]> {
  const rows = await db.$queryRaw<{ hash: string }[]>`
    SELECT hash FROM audit_entries WHERE org_id = ${orgId}::uuid ORDER BY seq`;
  return rows.map((row) => leafHash(Buffer.from(row.hash, "hex")));
}

/** Thrown to roll a test's transaction back once it has looked. */
class Rollback extends Error {}

async function newOrg(entries: number): Promise<string> {
  const { org } = await createOwner();
  await appendMany(db, org.id, entries - 2); // sign-up wrote two
  return org.id;
}

const tamper = (statement: () => Promise<unknown>) => asSuperuser(db, statement);

async function alerts(orgId: string) {
  return db.auditEntry.findMany({ where: { orgId, action: "security.alert" }, select: { seq: true, metadata: true } });
}

describe("integrateOrg", () => {
  it("signs a checkpoint whose root is the Merkle root of the chain hashes, in a note the log's keys open", async () => {
    const orgId = await newOrg(600);
    const outcome = await integrateOrg(db, orgId);
    expect(outcome).toMatchObject({ status: "checkpointed", size: 600n, more: false });
    const [checkpoint] = await listCheckpoints(db, orgId);
    const root = rootFromLeaves(await chainLeaves(orgId));
    expect(checkpoint).toMatchObject({ size: 600n, rootHash: root.toString("hex") });
    const opened = openNote(checkpoint.note, logVerifiers());
    expect(opened.verifiedBy.map((signature) => signature.keyId)).toEqual([checkpoint.keyId]);
    const text = parseCheckpoint(opened.text);
    expect(text).toMatchObject({ size: 600n });
    expect(text.rootHash.equals(root)).toBe(true);
    expect(text.origin.endsWith(`/orgs/${orgId}`)).toBe(true);
    const lastEntry = await db.auditEntry.findFirstOrThrow({ where: { orgId, seq: 600n } });
    expect(checkpoint.chainHash).toBe(lastEntry.hash);
  });

  it("signs the same roots and stores the same full tiles in many small runs as the tree built at once", async () => {
    const orgId = await newOrg(300);
    const sizes: bigint[] = [];
    for (const more of [0, 1, 254, 257, 0, 700]) {
      await appendMany(db, orgId, more);
      for (
        let run = await integrateOrg(db, orgId, { maxEntries: 97 });
        ;
        run = await integrateOrg(db, orgId, { maxEntries: 97 })
      ) {
        if (run.status === "checkpointed") sizes.push(run.size);
        if (run.status !== "checkpointed" || !run.more) break;
      }
      forgetEdges(); // half the runs rebuild the edge from the database, half use the one kept in memory
    }
    const leaves = await chainLeaves(orgId);
    expect(leaves).toHaveLength(1512);
    const checkpoints = await listCheckpoints(db, orgId);
    expect(checkpoints.map((c) => c.size)).toEqual(sizes);
    expect(sizes.length).toBeGreaterThan(10);
    for (const checkpoint of checkpoints) {
      expect(checkpoint.rootHash).toBe(rootFromLeaves(leaves.slice(0, Number(checkpoint.size))).toString("hex"));
    }
    const tree = MemoryTiles.fromLeafHashes(leaves);
    const full = Array.from({ length: Math.floor(1512 / TILE_WIDTH) }, (_, index) => ({ level: 0, index, width: 256 }));
    const stored = await db.$queryRaw<{ level: number; tile_index: bigint; hashes: Uint8Array }[]>`
      SELECT level, tile_index, hashes FROM audit_tree_tiles WHERE org_id = ${orgId}::uuid ORDER BY level, tile_index`;
    expect(stored.map((tile) => [tile.level, Number(tile.tile_index)])).toEqual(full.map((c) => [0, c.index]));
    const expected = await tree.readTiles(full);
    stored.forEach((tile, n) => expect(Buffer.from(tile.hashes).equals(expected[n])).toBe(true));
    // Partial tiles computed on read (level 0 from entries, level 1 from the full tiles' roots) match too.
    const partial = [
      { level: 0, index: 5, width: 232 },
      { level: 1, index: 0, width: 5 },
    ];
    const [fromDb, fromMemory] = [await databaseTiles(db, orgId).readTiles(partial), await tree.readTiles(partial)];
    expect(fromDb.map((tile) => tile.toString("hex"))).toEqual(fromMemory.map((tile) => tile.toString("hex")));
  });

  it("answers up_to_date with nothing new, and checkpointNow brings a backlog up to the head", async () => {
    const orgId = await newOrg(5);
    expect(await checkpointNow(db, orgId)).toMatchObject({
      checkpoint: { size: 5n },
      outcome: { status: "checkpointed" },
    });
    expect(await integrateOrg(db, orgId)).toEqual({ status: "up_to_date", size: 5n });
    await appendMany(db, orgId, 20);
    expect((await checkpointNow(db, orgId)).checkpoint?.size).toBe(25n);
  });

  it("integrates due organizations only once their last checkpoint is older than the interval", async () => {
    // The run's database holds every other test file's organizations too: look at this one only.
    const orgId = await newOrg(3);
    const orgIds = [orgId];
    expect((await integrateDueOrgs(db, { intervalMs: 60_000, orgIds })).get(orgId)).toMatchObject({
      status: "checkpointed",
    });
    await appendMany(db, orgId, 2);
    expect((await integrateDueOrgs(db, { intervalMs: 60_000, orgIds })).has(orgId)).toBe(false);
    expect((await integrateDueOrgs(db, { intervalMs: 0, orgIds })).get(orgId)).toMatchObject({
      status: "checkpointed",
      size: 5n,
    });
  });
});

describe("a broken chain halts integration", () => {
  it("halts on an entry changed after it was written: one security.alert, and no checkpoint ever again", async () => {
    const orgId = await newOrg(10);
    await integrateOrg(db, orgId);
    await appendMany(db, orgId, 10);
    await tamper(
      () =>
        db.$executeRaw`UPDATE audit_entries SET actor_display = 'someone else' WHERE org_id = ${orgId}::uuid AND seq = 14`,
    );
    const outcome = await integrateOrg(db, orgId);
    expect(outcome).toMatchObject({ status: "halted", halt: { seq: 14n, kind: "content" } });
    expect(await integrationHalt(db, orgId)).toMatchObject({ seq: 14n, kind: "content" });
    await appendMany(db, orgId, 5);
    expect(await integrateOrg(db, orgId)).toMatchObject({ status: "halted" });
    expect(await checkpointNow(db, orgId)).toMatchObject({ checkpoint: { size: 10n }, outcome: { status: "halted" } });
    expect((await integrateDueOrgs(db, { intervalMs: 0, orgIds: [orgId] })).has(orgId)).toBe(false);
    expect((await listCheckpoints(db, orgId)).map((c) => c.size)).toEqual([10n]);
    const raised = await alerts(orgId);
    expect(raised).toHaveLength(1);
    expect(raised[0].metadata).toMatchObject({ reason: "audit_chain_broken", seq: "14", kind: "content" });
  });

  it("keeps the halt, and shows it on the dashboard, when the head was moved back and its alert cannot be appended", async () => {
    const orgId = await newOrg(15);
    await integrateOrg(db, orgId);
    // A superuser moves the head back to entry 12 and leaves entries 13..15: the next append (the alert) collides.
    await moveHeadBackTo(db, orgId, 12);
    const logged: string[] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((...args) => void logged.push(args.join(" ")));
    try {
      expect(await integrateOrg(db, orgId)).toMatchObject({ status: "halted", halt: { seq: 13n, kind: "truncated" } });
    } finally {
      spy.mockRestore();
    }
    const halt = await integrationHalt(db, orgId);
    expect(halt).toMatchObject({ seq: 13n, kind: "truncated" });
    expect(await alerts(orgId)).toEqual([]);
    // The alert's entry commits into the pending entries with the alert, and linking it after the commit collides
    // with the entries past the moved head: the linker says so, and the entry waits, out of the chain (none above).
    expect(logged.join("\n")).toMatch(/after commit: audit\.link failed.*duplicate key/);
    expect(await db.auditPendingEntry.count({ where: { orgId, action: "security.alert" } })).toBe(1);
    expect(logged.join("\n")).not.toContain("custom.test.event");
    // The dashboard (app/[orgSlug]/page.tsx) reads integrationHalt and shows it with IntegrationHaltAlert.
    const html = renderToStaticMarkup(
      createElement(IntegrationHaltAlert, {
        halt: { seq: halt!.seq.toString(), kind: halt!.kind, reason: halt!.reason, at: halt!.at.toISOString() },
        auditHref: "/x/audit",
      }),
    );
    expect(html).toContain("checkpoints are no longer signed");
    expect(html).toContain("#13");
    expect(await integrateOrg(db, orgId)).toMatchObject({ status: "halted", halt: { seq: 13n } });
  });

  it("halts on a broken link", async () => {
    const orgId = await newOrg(8);
    await tamper(
      () =>
        db.$executeRaw`UPDATE audit_entries SET prev_hash = ${"ab".repeat(32)} WHERE org_id = ${orgId}::uuid AND seq = 6`,
    );
    expect(await integrateOrg(db, orgId)).toMatchObject({ status: "halted", halt: { seq: 6n, kind: "link" } });
    expect(await listCheckpoints(db, orgId)).toEqual([]);
    expect(await alerts(orgId)).toHaveLength(1);
  });

  it("halts when what a checkpoint covers was rewritten or cut, before signing anything after it", async () => {
    const rewritten = await newOrg(6);
    await integrateOrg(db, rewritten);
    await appendMany(db, rewritten, 3);
    await rewriteFrom(db, rewritten, 4);
    expect(await integrateOrg(db, rewritten)).toMatchObject({ status: "halted", halt: { kind: "rewritten" } });

    const cut = await newOrg(6);
    await integrateOrg(db, cut);
    await cutTo(db, cut, 4);
    expect(await integrateOrg(db, cut)).toMatchObject({ status: "halted", halt: { kind: "truncated", seq: 5n } });
    expect((await listCheckpoints(db, cut)).map((c) => c.size)).toEqual([6n]);
  });

  it("folds a tile again after every rewrite by the transaction that wrote it, whose row version stays the same", async () => {
    const orgId = await newOrg(600);
    await integrateOrg(db, orgId); // full tiles 0/0 and 0/1 stored
    // The root of tile 0/0 as the integrator reads it (the level-1 tile above it, computed from the roots below).
    const readRoot = async (tx: Tx) =>
      (await databaseTiles(tx, orgId).readTiles([{ level: 1, index: 0, width: 2 }]))[0].subarray(0, 32);
    const storedRoot = async (tx: Tx) => {
      const [row] = await tx.$queryRaw<{ hashes: Uint8Array }[]>`
        SELECT hashes FROM audit_tree_tiles WHERE org_id = ${orgId}::uuid AND level = 0 AND tile_index = 0`;
      return perfectRoot(Buffer.from(row.hashes), 0, TILE_WIDTH);
    };
    const bump = (tx: Tx, at: number) => tx.$executeRaw`
      UPDATE audit_tree_tiles SET hashes = set_byte(hashes, ${at}, (get_byte(hashes, ${at}) + 1) % 256)
       WHERE org_id = ${orgId}::uuid AND level = 0 AND tile_index = 0`;
    await db
      .$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`ALTER TABLE audit_tree_tiles DISABLE TRIGGER USER`);
        const original = await readRoot(tx);
        await bump(tx, 10); // a new row version, this transaction's
        const first = await readRoot(tx);
        expect(first.equals(original)).toBe(false);
        expect(first.equals(await storedRoot(tx))).toBe(true);
        await bump(tx, 20); // another rewrite in the same transaction: the row's xmin is unchanged
        const second = await readRoot(tx);
        expect(second.equals(first)).toBe(false);
        expect(second.equals(await storedRoot(tx))).toBe(true);
        throw new Rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      });
  });

  it("never signs a checkpoint the stored tiles do not prove consistent with the last one", async () => {
    const orgId = await newOrg(600);
    // Full tiles 0/0 and 0/1 stored, the edge kept in memory, and their roots kept for the tile rows' versions.
    await integrateOrg(db, orgId);
    // Rewritten in place, as a superuser could: the kept root of tile 0/0 is no longer the row's version.
    await db.$executeRawUnsafe(`ALTER TABLE audit_tree_tiles DISABLE TRIGGER USER`);
    try {
      await db.$executeRaw`
        UPDATE audit_tree_tiles SET hashes = set_byte(hashes, 99, (get_byte(hashes, 99) + 1) % 256)
         WHERE org_id = ${orgId}::uuid AND level = 0 AND tile_index = 0`;
    } finally {
      await db.$executeRawUnsafe(`ALTER TABLE audit_tree_tiles ENABLE TRIGGER USER`);
    }
    await appendMany(db, orgId, 10);
    expect(await integrateOrg(db, orgId)).toMatchObject({
      status: "halted",
      halt: { kind: "inconsistent", seq: 600n },
    });
    expect((await listCheckpoints(db, orgId)).map((c) => c.size)).toEqual([600n]);
  });
});
