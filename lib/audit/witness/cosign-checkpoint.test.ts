import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { appendMany, asSuperuser, rewriteFrom } from "@/lib/testing/audit-tampering";
import { testDb } from "@/lib/testing/database";
import { createOwner } from "@/lib/testing/factories";
import { startTlogWitness, type TlogWitness } from "@/lib/testing/tlog-witness";
import { checkpointOrigin, parseCheckpoint } from "../checkpoints/checkpoint-text";
import { parseCosignerVerifierKey } from "../checkpoints/cosignature";
import { currentLogSigner } from "../checkpoints/log-keys";
import { generateSignerKey, openNote } from "../checkpoints/signed-note";
import { checkpointNow } from "../integrate/checkpoint-now";
import { lastCheckpoint } from "../integrate/last-checkpoint";
import { logVerifiers } from "../integrate/log-verifiers";
import { forgetEdges } from "../integrate/tree-edge-cache";
import { latestCheckpointView } from "../published/latest-checkpoint-view";
import { addCheckpoint } from "./add-checkpoint";
import { cosignCheckpoint } from "./cosign-checkpoint";
import { cosignDueCheckpoints, newCosigningMemory } from "./cosign-due-checkpoints";
import { listCosignatures } from "./stored-cosignatures";
import { configuredWitnesses, type Witness } from "./witness-config";

let db: Db;
let witness: TlogWitness;
let configured: Witness;
let logVkey: string;

beforeAll(async () => {
  db = testDb();
  witness = await startTlogWitness();
  [configured] = configuredWitnesses({ VERITY_WITNESSES: witness.entry });
  logVkey = (await currentLogSigner(db)).verifierKey;
});
afterAll(() => witness.close());
beforeEach(() => {
  forgetEdges();
  witness.misbehave(null);
});

/** A new organization with `entries` more entries and a signed checkpoint, known to the witness. */
async function signedOrg(entries = 5) {
  const { org } = await createOwner();
  await appendMany(db, org.id, entries);
  await checkpointNow(db, org.id);
  witness.addLog(checkpointOrigin(org.id), [logVkey]);
  return org.id;
}

const runFor = (orgId: string, memory = newCosigningMemory()) =>
  cosignDueCheckpoints(db, { witnesses: [configured], orgIds: [orgId], memory });

const outcomesOf = async (orgId: string, memory = newCosigningMemory()) =>
  (await runFor(orgId, memory)).map((run) => run.outcome);

const grow = async (orgId: string, entries: number) => {
  await appendMany(db, orgId, entries);
  await checkpointNow(db, orgId);
};

describe("witness cosigning (C2SP tlog-witness)", () => {
  it("sends each new checkpoint with the consistency proof from the last cosigned size, and serves the cosignatures", async () => {
    const orgId = await signedOrg(5); // sign-up wrote two
    expect(await outcomesOf(orgId)).toEqual([{ status: "cosigned", size: 7n, oldSize: 0n }]);
    await grow(orgId, 30);
    expect(await outcomesOf(orgId)).toEqual([{ status: "cosigned", size: 37n, oldSize: 7n }]);
    expect(await outcomesOf(orgId)).toEqual([]); // nothing new to cosign
    expect(witness.latest(checkpointOrigin(orgId))?.size).toBe(37n);

    const stored = await listCosignatures(db, orgId, 37n);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ witnessName: witness.name, witnessKeyId: configured.keyId });

    // The served note: the log's line, then the witness's; each verifies with its own key alone.
    const note = (await latestCheckpointView(db, orgId))!.note;
    expect(note.endsWith(`${stored[0].line}\n`)).toBe(true);
    expect(note.startsWith((await lastCheckpoint(db, orgId))!.note)).toBe(true);
    const byLog = openNote(note, logVerifiers());
    expect(parseCheckpoint(byLog.text).size).toBe(37n);
    expect(byLog.unverified.map((signature) => signature.name)).toEqual([witness.name]);
    const byWitness = openNote(note, [parseCosignerVerifierKey(witness.vkey)]);
    expect(byWitness.verifiedBy.map((signature) => signature.keyId)).toEqual([configured.keyId]);
    expect(byWitness.text).toBe(byLog.text);
  });

  it("retries from the size a 409 names (text/x.tlog.size) when the witness cosigned an answer Verity lost", async () => {
    const orgId = await signedOrg(3);
    // The witness cosigns size 5, but the answer never reaches the database (a crash, a timeout).
    const first = (await lastCheckpoint(db, orgId))!;
    expect(await addCheckpoint(configured, { oldSize: 0n, proof: [], note: first.note })).toMatchObject({
      status: "cosigned",
    });
    await grow(orgId, 4);
    const before = witness.requests.length;
    expect(await outcomesOf(orgId)).toEqual([{ status: "cosigned", size: 9n, oldSize: 5n }]);
    expect(witness.requests.slice(before)).toEqual([
      { oldSize: 0n, size: 9n, status: 409 },
      { oldSize: 5n, size: 9n, status: 200 },
    ]);
    expect(await listCosignatures(db, orgId, 5n)).toEqual([]);
    expect(await listCosignatures(db, orgId, 9n)).toHaveLength(1);
  });

  it("gets the same checkpoint cosigned again from a 409 at its own size (old = size, same root)", async () => {
    const orgId = await signedOrg(1);
    const checkpoint = (await lastCheckpoint(db, orgId))!;
    await addCheckpoint(configured, { oldSize: 0n, proof: [], note: checkpoint.note });
    expect(await outcomesOf(orgId)).toEqual([{ status: "cosigned", size: 3n, oldSize: 3n }]);
    expect(await listCosignatures(db, orgId, 3n)).toHaveLength(1);
  });

  it("refuses, storing nothing, when the witness names a size beyond the latest checkpoint", async () => {
    const orgId = await signedOrg(2);
    witness.remember(checkpointOrigin(orgId), 1000n, Buffer.alloc(32, 9));
    expect(await outcomesOf(orgId)).toEqual([
      { status: "refused", size: 4n, reason: "the witness has cosigned size 1000, beyond the latest checkpoint (4)" },
    ]);
    expect(await listCosignatures(db, orgId, 4n)).toEqual([]);
  });

  it("keeps signing while the witness is down, rests it, and gets the latest checkpoint cosigned once it is back", async () => {
    const orgId = await signedOrg(2);
    const memory = newCosigningMemory();
    await witness.pause();
    try {
      const [outcome] = await outcomesOf(orgId, memory);
      expect(outcome).toMatchObject({ status: "unreachable", size: 4n });
      await grow(orgId, 3); // the integrator signs on, witness or not
      expect((await lastCheckpoint(db, orgId))!.size).toBe(7n);
      expect(await outcomesOf(orgId, memory)).toEqual([]); // resting: not asked again at once
    } finally {
      await witness.resume();
    }
    const later = () => Date.now() + 60_000;
    expect(
      (await cosignDueCheckpoints(db, { witnesses: [configured], orgIds: [orgId], memory, now: later })).map(
        (r) => r.outcome,
      ),
    ).toEqual([{ status: "cosigned", size: 7n, oldSize: 0n }]);
    expect(await listCosignatures(db, orgId, 4n)).toEqual([]);
  });

  it("stores no cosignature that does not verify with the configured witness key, nor one by another key", async () => {
    const orgId = await signedOrg(2);
    const memory = newCosigningMemory();
    witness.misbehave("forged-signature");
    expect(await outcomesOf(orgId, memory)).toEqual([
      {
        status: "invalid_cosignature",
        size: 4n,
        reason: `the cosignature by ${configured.name}+${configured.keyId} does not verify`,
      },
    ]);
    expect(await listCosignatures(db, orgId, 4n)).toEqual([]);
    expect(await outcomesOf(orgId, memory)).toEqual([]); // the refused checkpoint is not sent again

    await grow(orgId, 1);
    witness.misbehave("other-key");
    expect(await outcomesOf(orgId, memory)).toEqual([
      {
        status: "invalid_cosignature",
        size: 5n,
        reason: `no cosignature by the witness's key ${configured.name}+${configured.keyId}`,
      },
    ]);
    expect(await listCosignatures(db, orgId, 5n)).toEqual([]);
    const view = await latestCheckpointView(db, orgId);
    expect(view!.note).toBe((await lastCheckpoint(db, orgId))!.note); // served with the log's signature alone

    witness.misbehave(null);
    await grow(orgId, 1);
    expect(await outcomesOf(orgId, memory)).toEqual([{ status: "cosigned", size: 6n, oldSize: 5n }]);
  });

  it("is refused by the witness, and stores nothing, when the history it cosigned was rewritten", async () => {
    const orgId = await signedOrg(5);
    expect(await outcomesOf(orgId)).toEqual([{ status: "cosigned", size: 7n, oldSize: 0n }]);
    const cosigned = witness.latest(checkpointOrigin(orgId))!;

    // Someone with the database and the signing key rewrites entries 3.. and has the log sign the new history.
    await rewriteFrom(db, orgId, 3);
    await asSuperuser(db, async () => {
      await db.$executeRawUnsafe(`ALTER TABLE audit_checkpoint_cosignatures DISABLE TRIGGER USER`);
      await db.$executeRawUnsafe(`ALTER TABLE audit_checkpoints DISABLE TRIGGER USER`);
      try {
        await db.$executeRaw`DELETE FROM audit_checkpoint_cosignatures WHERE org_id = ${orgId}::uuid`;
        await db.$executeRaw`DELETE FROM audit_checkpoints WHERE org_id = ${orgId}::uuid`;
      } finally {
        await db.$executeRawUnsafe(`ALTER TABLE audit_checkpoints ENABLE TRIGGER USER`);
        await db.$executeRawUnsafe(`ALTER TABLE audit_checkpoint_cosignatures ENABLE TRIGGER USER`);
      }
    });
    forgetEdges();
    await grow(orgId, 2);
    expect((await lastCheckpoint(db, orgId))!.size).toBe(9n);

    const before = witness.requests.length;
    const [outcome] = await outcomesOf(orgId);
    expect(outcome).toMatchObject({ status: "refused", size: 9n, reason: expect.stringMatching(/^HTTP 422/) });
    expect(witness.requests.slice(before).map((request) => request.status)).toEqual([409, 422]);
    expect(await listCosignatures(db, orgId, 9n)).toEqual([]);
    expect(witness.latest(checkpointOrigin(orgId))).toEqual(cosigned);
  });

  it("is refused for a log the witness does not know (404) or whose key it does not trust (403)", async () => {
    const { org } = await createOwner();
    await checkpointNow(db, org.id);
    expect(await cosignCheckpoint(db, org.id, configured)).toMatchObject({
      status: "refused",
      reason: expect.stringMatching(/^HTTP 404/),
    });
    witness.addLog(checkpointOrigin(org.id), [generateSignerKey("someone.else").verifierKey]);
    expect(await cosignCheckpoint(db, org.id, configured)).toMatchObject({
      status: "refused",
      reason: expect.stringMatching(/^HTTP 403/),
    });
    expect(await listCosignatures(db, org.id, 2n)).toEqual([]);
  });

  it("stores cosignatures append-only: the database refuses to change or remove one", async () => {
    const orgId = await signedOrg(1);
    await runFor(orgId);
    await expect(db.$executeRaw`UPDATE audit_checkpoint_cosignatures SET signature_line = signature_line
                                 WHERE org_id = ${orgId}::uuid`).rejects.toThrow(/append-only/);
    await expect(
      db.$executeRaw`DELETE FROM audit_checkpoint_cosignatures WHERE org_id = ${orgId}::uuid`,
    ).rejects.toThrow(/append-only/);
    expect(await listCosignatures(db, orgId, 3n)).toHaveLength(1);
  });
});
