import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { commands } from "@/lib/cli/commands";
import { connectDb, type Db } from "@/lib/db/client";
import { appendMany, asSuperuser, cutTo, rewriteFrom } from "@/lib/testing/audit-tampering";
import { testDb, withFreshDatabase } from "@/lib/testing/database";
import { createOwner } from "@/lib/testing/factories";
import { loadLogSigner } from "../checkpoints/log-keys";
import { generateSignerKey } from "../checkpoints/note-keys";
import { verifyChain } from "../verify-chain";
import { describeCheckpointCheck } from "./describe-checkpoint-check";
import { integrateOrg } from "./integrate-org";
import { forgetEdges } from "./tree-edge-cache";
import { verifyChainAndCheckpoints } from "./verify-against-checkpoints";

let db: Db;
beforeAll(() => {
  db = testDb();
});

/** Runs `write` as a database superuser would: with the user triggers of `tables` (append-only) switched off. */
async function superuserWrites(tables: string[], write: () => Promise<unknown>): Promise<void> {
  for (const table of tables) await db.$executeRawUnsafe(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
  try {
    await write();
  } finally {
    for (const table of tables) await db.$executeRawUnsafe(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
  }
}

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
      detail: "checkpoint at size 300: its signature does not verify against the key this Verity holds",
    });
  });

  it("trusts no key written into audit_log_keys: a rewrite with forged tiles and checkpoints fails, naming the key", async () => {
    const orgId = await checkpointedOrg();
    // The attacker, a database superuser: rewrites the chain from seq 150 on (every hash recomputed), drops
    // the org's tiles and checkpoints, adds a fresh key of their own to audit_log_keys and signs new ones with it.
    await rewriteFrom(db, orgId, 150);
    const forged = generateSignerKey(loadLogSigner().name);
    const forgedId = forged.verifierKey.split("+")[1];
    await superuserWrites(["audit_tree_tiles", "audit_checkpoints", "audit_log_keys"], async () => {
      await db.$executeRaw`DELETE FROM audit_tree_tiles WHERE org_id = ${orgId}::uuid`;
      await db.$executeRaw`DELETE FROM audit_checkpoints WHERE org_id = ${orgId}::uuid`;
      await db.$executeRaw`INSERT INTO audit_log_keys (key_id, name, vkey, valid_from)
        VALUES (${forgedId}, ${loadLogSigner().name}, ${forged.verifierKey}, clock_timestamp())`;
    });
    forgetEdges();
    process.env.VERITY_LOG_SIGNING_KEY = forged.signerKey;
    try {
      expect(await integrateOrg(db, orgId)).toMatchObject({ status: "checkpointed", size: 320n });
    } finally {
      delete process.env.VERITY_LOG_SIGNING_KEY;
    }
    forgetEdges();
    // What was forged is self-consistent: the chain holds, and the forged checkpoint opens with the key in the table.
    expect(await verifyChain({ db, orgId })).toMatchObject({ ok: true, checked: 320 });
    const result = await verifyChainAndCheckpoints({ db, orgId });
    expect(result).toMatchObject({
      ok: false,
      firstBad: {
        seq: 320n,
        kind: "checkpoint",
        detail:
          `checkpoint at size 320: signed by key ${loadLogSigner().name}+${forgedId}, which this Verity does not hold ` +
          "— a key added to audit_log_keys is not trusted",
      },
      checkpoints: { checked: 0, against: null },
    });
  });

  it("reports a checkpoint whose key audit_log_keys publishes differently from the key Verity holds", async () => {
    const orgId = await checkpointedOrg();
    const held = loadLogSigner();
    const other = generateSignerKey(held.name).verifierKey.split("+");
    // The held key's name and id, another public key: what the table shows the world is not the log's key.
    const misPublished = [held.name, held.keyId, other[2]].join("+");
    // Inside one transaction that is rolled back: the table is the instance's, and the other test files of the
    // run (one shared PostgreSQL database) must never see the mispublished row.
    const rolledBack = new Error("rolled back");
    let result: Awaited<ReturnType<typeof verifyChainAndCheckpoints>> | undefined;
    await db
      .$transaction(
        async (tx) => {
          await tx.$executeRawUnsafe("SET LOCAL session_replication_role = replica");
          await tx.$executeRaw`INSERT INTO audit_log_keys (key_id, name, vkey, valid_from)
            VALUES (${held.keyId}, ${held.name}, ${misPublished}, clock_timestamp())`;
          result = await verifyChainAndCheckpoints({ db: tx, orgId });
          throw rolledBack;
        },
        { timeout: 120_000 },
      )
      .catch((error: unknown) => {
        if (error !== rolledBack) throw error;
      });
    expect(result?.firstBad).toMatchObject({
      seq: 10n,
      kind: "checkpoint",
      detail:
        `checkpoint at size 10: signed by key ${held.name}+${held.keyId}, ` +
        "but audit_log_keys publishes a different key under that id",
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
      await appendMany(fresh, org.id, 5); // not yet checkpointed: the command signs a checkpoint over them first
      vi.spyOn(process.stdout, "write").mockImplementation((chunk) => Boolean(output.push(String(chunk))));
      expect(await commands["audit verify"].run(["--org", org.slug])).toBe(0);
      expect(output.join("")).toMatch(
        /^checkpoint brought up to the head first: size 27\nintact: 27 entries checked.*\n/,
      );
      expect(output.join("")).toMatch(/\ncheckpoints: 2 signed checkpoint\(s\) hold, the latest at size 27 /);
      output.length = 0;
      // The command ended the client's pool: the second run (and the cut) get a new client.
      const again = connectDb(process.env.DATABASE_URL!);
      (globalThis as { verityDb?: Db }).verityDb = again;
      await cutTo(again, org.id, 26);
      expect(await commands["audit verify"].run(["--org", org.slug])).toBe(1);
      // Checkpointing first finds the head behind the checkpoint and halts; its security.alert takes seq 27 again.
      expect(output.join("")).toContain("checkpointing halted at seq 27 (truncated): the chain head is at 26 ");
      expect(output.join("")).toContain(
        "MISMATCH with a signed checkpoint: checkpoint at size 27: root differs — the trail was rewritten after it was signed",
      );
    });
  });
});
