import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { appendMany } from "@/lib/testing/audit-tampering";
import { isPostgres, testDb } from "@/lib/testing/database";
import { createOwner } from "@/lib/testing/factories";
import { leafHash } from "../tree/merkle-hash";
import { MemoryTiles } from "../tree/memory-tiles";
import { consistencyProof } from "../tree/proofs";
import { verifyConsistency } from "../tree/verify-proofs";
import { integrateDueOrgs } from "./integrate-due-orgs";
import { integrateOrg } from "./integrate-org";
import { integrationHalt } from "./integration-halt";
import { listCheckpoints } from "./last-checkpoint";
import { forgetEdges } from "./tree-edge-cache";

/** Several workers on real concurrent connections: only PostgreSQL has them (the embedded database runs one transaction at a time). */
describe.skipIf(!isPostgres())("several integrators at once on PostgreSQL", () => {
  let db: Db;
  beforeAll(() => {
    db = testDb();
  });

  it("sign one consistent sequence of checkpoints while entries keep arriving", async () => {
    const owners = await Promise.all(Array.from({ length: 3 }, () => createOwner()));
    const orgIds = owners.map(({ org }) => org.id);
    let appending = true;
    const writers = orgIds.map(async (orgId) => {
      for (let round = 0; round < 30; round++) await appendMany(db, orgId, 1 + ((round * 37) % 90), 50);
    });
    // Six workers, each looping over the due orgs (interval 0) and now and then one org directly, waiting
    // for its lease: they contend for the same orgs the whole time. Half forget their in-memory edges.
    const workers = Array.from({ length: 6 }, async (_, worker) => {
      while (appending) {
        await integrateDueOrgs(db, { intervalMs: 0, orgIds });
        await integrateOrg(db, orgIds[worker % orgIds.length], { wait: worker % 2 === 0, maxEntries: 150 });
        if (worker % 2 === 1) forgetEdges();
      }
    });
    await Promise.all(writers);
    appending = false;
    await Promise.all(workers);
    for (const orgId of orgIds) {
      while ((await integrateOrg(db, orgId, { wait: true })).status === "checkpointed");
      expect(await integrationHalt(db, orgId)).toBeNull();
      await expectOneConsistentHistory(db, orgId);
    }
  });
});

/** Every checkpoint's root is the root of that prefix of the chain, and each is consistent with the one before. */
async function expectOneConsistentHistory(db: Db, orgId: string) {
  const rows = await db.$queryRaw<{ hash: string }[]>`
    SELECT hash FROM audit_entries WHERE org_id = ${orgId}::uuid ORDER BY seq`;
  const leaves = rows.map((row) => leafHash(Buffer.from(row.hash, "hex")));
  const tree = MemoryTiles.fromLeafHashes(leaves);
  const checkpoints = await listCheckpoints(db, orgId);
  expect(checkpoints.length).toBeGreaterThan(3);
  expect(checkpoints.at(-1)!.size).toBe(BigInt(rows.length));
  const sizes = checkpoints.map((checkpoint) => Number(checkpoint.size));
  expect(new Set(sizes).size).toBe(sizes.length);
  for (let n = 0; n < checkpoints.length; n++) {
    const [size, root] = [sizes[n], Buffer.from(checkpoints[n].rootHash, "hex")];
    expect(root.equals(MemoryTiles.fromLeafHashes(leaves.slice(0, size)).rootHash())).toBe(true);
    if (n === 0) continue;
    const [oldSize, oldRoot] = [sizes[n - 1], Buffer.from(checkpoints[n - 1].rootHash, "hex")];
    const proof = await consistencyProof(oldSize, size, tree);
    expect(verifyConsistency({ oldSize, newSize: size, oldRoot, newRoot: root, proof })).toBe(true);
  }
}
