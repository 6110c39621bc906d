import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkpointOrigin } from "@/lib/audit/checkpoints/checkpoint-text";
import { currentLogSigner } from "@/lib/audit/checkpoints/log-keys";
import { lastCheckpoint } from "@/lib/audit/integrate/last-checkpoint";
import { listCosignatures } from "@/lib/audit/witness/stored-cosignatures";
import type { Db } from "@/lib/db/client";
import { appendMany } from "@/lib/testing/audit-tampering";
import { testDb } from "@/lib/testing/database";
import { createOwner } from "@/lib/testing/factories";
import { startTlogWitness, type TlogWitness } from "@/lib/testing/tlog-witness";
import { auditCheckpointsJob, runWorker, witnessCosignaturesJob, WORKER_JOBS } from "./worker";

let db: Db;
let witness: TlogWitness;
const saved = { interval: process.env.VERITY_CHECKPOINT_INTERVAL, witnesses: process.env.VERITY_WITNESSES };
beforeAll(async () => {
  db = testDb();
  witness = await startTlogWitness();
});
afterAll(async () => {
  for (const [name, value] of [
    ["VERITY_CHECKPOINT_INTERVAL", saved.interval],
    ["VERITY_WITNESSES", saved.witnesses],
  ] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await witness.close();
});

describe("the worker's witness cosignatures job", () => {
  it("leaves signing alone while the witness is down, then gets the latest checkpoint cosigned", async () => {
    process.env.VERITY_CHECKPOINT_INTERVAL = "0";
    process.env.VERITY_WITNESSES = witness.entry;
    const names = WORKER_JOBS.map((job) => job.name);
    expect(names).toEqual(expect.arrayContaining(["audit checkpoints", "witness cosignatures"]));
    const { org } = await createOwner();
    // The jobs as the worker runs them, limited to this organization: the run's database is shared with other files.
    const jobs = [auditCheckpointsJob({ orgIds: [org.id] }), witnessCosignaturesJob({ orgIds: [org.id] })];
    witness.addLog(checkpointOrigin(org.id), [(await currentLogSigner(db)).verifierKey]);
    await witness.pause();
    const logged: string[] = [];
    const stop = new AbortController();
    const worker = runWorker({ db, signal: stop.signal, jobs, log: (line) => logged.push(line) });
    try {
      await appendMany(db, org.id, 10);
      const size = async () => (await lastCheckpoint(db, org.id))?.size;
      await expect.poll(size, { timeout: 50_000 }).toBe(12n);
      await expect
        .poll(() => logged.some((line) => /witness cosignatures failed: .*unreachable/.test(line)))
        .toBe(true);
      expect(await listCosignatures(db, org.id, 12n)).toEqual([]);

      await witness.resume();
      await expect.poll(async () => (await listCosignatures(db, org.id, 12n)).length, { timeout: 60_000 }).toBe(1);
      expect(witness.latest(checkpointOrigin(org.id))?.size).toBe(12n);
    } finally {
      stop.abort();
      await worker;
    }
  }, 150_000);
});
