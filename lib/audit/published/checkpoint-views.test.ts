import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { appendMany } from "@/lib/testing/audit-tampering";
import { createOwner } from "@/lib/testing/factories";
import { testDb } from "@/lib/testing/database";
import { parseCheckpoint } from "../checkpoints/checkpoint-text";
import { openNote } from "../checkpoints/signed-note";
import { checkpointNow } from "../integrate/checkpoint-now";
import { logVerifiers } from "../integrate/log-verifiers";
import { forgetEdges } from "../integrate/tree-edge-cache";
import { leafHash } from "../tree/merkle-hash";
import { verifyInclusion } from "../tree/verify-proofs";
import { entryInclusion } from "./entry-inclusion";
import { latestCheckpointView } from "./latest-checkpoint-view";

let db: Db;
beforeAll(() => {
  db = testDb();
});
beforeEach(() => forgetEdges());

async function chainHashOf(orgId: string, seq: bigint): Promise<string> {
  return (await db.auditEntry.findFirstOrThrow({ where: { orgId, seq }, select: { hash: true } })).hash;
}

const inclusionOf = async (orgId: string, seq: bigint) =>
  entryInclusion(db, orgId, { seq, chainHash: await chainHashOf(orgId, seq) });

describe("latestCheckpointView", () => {
  it("is null before the first checkpoint, then the latest one's size, base64 root, key id, time and note", async () => {
    const { org } = await createOwner();
    await appendMany(db, org.id, 5); // sign-up wrote two
    expect(await latestCheckpointView(db, org.id)).toBeNull();

    const { checkpoint } = await checkpointNow(db, org.id);
    const view = await latestCheckpointView(db, org.id);
    expect(view).toEqual({
      size: "7",
      rootHash: Buffer.from(checkpoint!.rootHash, "hex").toString("base64"),
      keyId: checkpoint!.keyId,
      signedAt: checkpoint!.createdAt.toISOString(),
      note: checkpoint!.note,
    });
    // The root shown is the one the signed note states, and the note opens with the log's keys.
    const text = parseCheckpoint(openNote(view!.note, logVerifiers()).text);
    expect(text.size).toBe(7n);
    expect(text.rootHash.toString("base64")).toBe(view!.rootHash);
  });
});

describe("entryInclusion", () => {
  it("says an entry is not covered before any checkpoint is signed", async () => {
    const { org } = await createOwner();
    expect(await inclusionOf(org.id, 1n)).toEqual({ status: "not_covered", checkpointSize: null });
  });

  it("proves each covered entry against the checkpoint's root, and leaves newer entries uncovered", async () => {
    const { org } = await createOwner();
    await appendMany(db, org.id, 11);
    await checkpointNow(db, org.id);
    await appendMany(db, org.id, 2);
    const view = (await latestCheckpointView(db, org.id))!;
    expect(view.size).toBe("13");

    for (const seq of [1n, 6n, 13n]) {
      const inclusion = await inclusionOf(org.id, seq);
      if (inclusion.status !== "included") throw new Error(`entry ${seq}: ${JSON.stringify(inclusion)}`);
      expect(inclusion).toMatchObject({ checkpointSize: "13", leafIndex: String(seq - 1n), rootHash: view.rootHash });
      const checked = verifyInclusion({
        leafHash: leafHash(Buffer.from(await chainHashOf(org.id, seq), "hex")),
        index: Number(seq - 1n),
        size: 13,
        proof: inclusion.proof.map((hash) => Buffer.from(hash, "base64")),
        rootHash: Buffer.from(view.rootHash, "base64"),
      });
      expect(checked).toBe(true);
    }
    expect(await inclusionOf(org.id, 14n)).toEqual({ status: "not_covered", checkpointSize: "13" });
  });

  it("refuses to call an entry included when its chain hash is not the one the tree holds", async () => {
    const { org } = await createOwner();
    await appendMany(db, org.id, 3);
    await checkpointNow(db, org.id);
    const otherHash = await chainHashOf(org.id, 2n);
    const inclusion = await entryInclusion(db, org.id, { seq: 3n, chainHash: otherHash });
    expect(inclusion).toMatchObject({ status: "failed", checkpointSize: "5" });
    expect(await entryInclusion(db, org.id, { seq: 3n, chainHash: "zz" })).toMatchObject({ status: "failed" });
  });
});
