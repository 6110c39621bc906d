import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { commands } from "@/lib/cli/commands";
import { connectDb, type Db } from "@/lib/db/client";
import { appendMany, asSuperuser, cutTo, rewriteFrom } from "@/lib/testing/audit-tampering";
import { testDb, withFreshDatabase } from "@/lib/testing/database";
import { createOwner } from "@/lib/testing/factories";
import { verifyChain } from "../verify-chain";
import { describeCheckpointCheck } from "./describe-checkpoint-check";
import { integrateOrg } from "./integrate-org";
import { verifyChainAndCheckpoints } from "./verify-against-checkpoints";

let db: Db;
beforeAll(() => {
  db = testDb();
});

/** An org with checkpoints signed at sizes 10, 300 and 320. */
async function checkpointedOrg(): Promise<string> {
  const { org } = await createOwner();
  for (const size of [10, 300, 320]) {
    const { seq } = (await db.auditChainHead.findUniqueOrThrow({ where: { orgId: org.id } })) as { seq: bigint };
    await appendMany(db, org.id, size - Number(seq));
    expect(await integrateOrg(db, org.id)).toMatchObject({ status: "checkpointed", size: BigInt(size) });
  }
  return org.id;
}

describe("verity audit verify against the signed checkpoints", () => {
  it("names the latest checkpoint an intact trail was checked against", async () => {
    const orgId = await checkpointedOrg();
    await appendMany(db, orgId, 7); // not yet checkpointed: checked as a chain only
    const result = await verifyChainAndCheckpoints({ db, orgId, batchSize: 64 });
    expect(result).toMatchObject({ ok: true, checked: 327, firstBad: null });
    expect(result.checkpoints).toMatchObject({ checked: 3, against: { size: 320n }, problem: null, notReached: 0 });
    expect(describeCheckpointCheck(result.checkpoints)).toMatch(
      /^checkpoints: 3 signed checkpoint\(s\) hold, the latest at size 320 /,
    );
  });

  it("reports entries removed from the end with the head moved back, which the chain alone calls intact", async () => {
    const orgId = await checkpointedOrg();
    await cutTo(db, orgId, 305);
    expect(await verifyChain({ db, orgId })).toMatchObject({ ok: true, checked: 305 });
    const result = await verifyChainAndCheckpoints({ db, orgId });
    expect(result).toMatchObject({
      ok: false,
      firstBad: {
        seq: 320n,
        kind: "checkpoint",
        detail: "checkpoint at size 320 but the chain has only 305 entries — entries were removed",
      },
      checkpoints: { checked: 2, against: { size: 300n } },
    });
  });

  it("reports a chain rewritten from seq k on with every hash recomputed, which the chain alone calls intact", async () => {
    const orgId = await checkpointedOrg();
    await rewriteFrom(db, orgId, 150);
    expect(await verifyChain({ db, orgId })).toMatchObject({ ok: true, checked: 320 });
    const result = await verifyChainAndCheckpoints({ db, orgId, batchSize: 100 });
    expect(result).toMatchObject({
      ok: false,
      firstBad: {
        seq: 300n,
        kind: "checkpoint",
        detail: "checkpoint at size 300: root differs — the trail was rewritten after it was signed",
      },
      checkpoints: { checked: 1, against: { size: 10n } },
    });
  });

  it("reports a checkpoint whose signature does not verify against the published keys", async () => {
    const orgId = await checkpointedOrg();
    // The text of the checkpoint at 300 under the signature of the one at 320: the log's key, a bad signature.
    const notes = await db.auditCheckpoint.findMany({ where: { orgId }, orderBy: { size: "asc" } });
    const signatureLines = (note: string) => note.slice(note.lastIndexOf("\n\n") + 2);
    const text = notes[1].note.slice(0, notes[1].note.lastIndexOf("\n\n") + 2);
    await db.$executeRawUnsafe(`ALTER TABLE audit_checkpoints DISABLE TRIGGER USER`);
    try {
      await db.$executeRaw`
        UPDATE audit_checkpoints SET note = ${text + signatureLines(notes[2].note)} WHERE org_id = ${orgId}::uuid AND size = 300`;
    } finally {
      await db.$executeRawUnsafe(`ALTER TABLE audit_checkpoints ENABLE TRIGGER USER`);
    }
    const result = await verifyChainAndCheckpoints({ db, orgId });
    expect(result.firstBad).toMatchObject({
      seq: 300n,
      kind: "checkpoint",
      detail: "checkpoint at size 300: its signature does not verify against the log's published keys",
    });
  });

  it("says which checkpoints a broken chain kept it from checking", async () => {
    const orgId = await checkpointedOrg();
    await asSuperuser(
      db,
      () => db.$executeRaw`UPDATE audit_entries SET outcome = 'denied' WHERE org_id = ${orgId}::uuid AND seq = 100`,
    );
    const result = await verifyChainAndCheckpoints({ db, orgId });
    expect(result).toMatchObject({ ok: false, firstBad: { seq: 100n, kind: "content" } });
    expect(result.checkpoints).toMatchObject({ checked: 1, notReached: 2, problem: null });
    expect(describeCheckpointCheck(result.checkpoints)).toMatch(/2 later checkpoint\(s\) not checked/);
  });
});

describe("verity audit verify --org <slug>", () => {
  const output: string[] = [];
  afterEach(() => {
    vi.restoreAllMocks();
    output.length = 0;
  });

  it("prints the checkpoints that hold, then exits 1 naming the mismatch once the tail is cut", async () => {
    // A database of its own: the command disconnects the app's client when it is done.
    await withFreshDatabase(async (fresh) => {
      const { org } = await createOwner();
      await appendMany(fresh, org.id, 20);
      await integrateOrg(fresh, org.id);
      vi.spyOn(process.stdout, "write").mockImplementation((chunk) => Boolean(output.push(String(chunk))));
      expect(await commands["audit verify"].run(["--org", org.slug])).toBe(0);
      expect(output.join("")).toMatch(
        /^intact: 22 entries checked.*\ncheckpoints: 1 signed checkpoint\(s\) hold, the latest at size 22 /,
      );
      output.length = 0;
      // The command ended the client's pool: the second run (and the cut) get a new client.
      const again = connectDb(process.env.DATABASE_URL!);
      (globalThis as { verityDb?: Db }).verityDb = again;
      await cutTo(again, org.id, 21);
      expect(await commands["audit verify"].run(["--org", org.slug])).toBe(1);
      expect(output.join("")).toContain(
        "MISMATCH with a signed checkpoint: checkpoint at size 22 but the chain has only 21 entries — entries were removed",
      );
    });
  });
});
