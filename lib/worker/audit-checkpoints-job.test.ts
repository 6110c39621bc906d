import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { listCheckpoints } from "@/lib/audit/integrate/last-checkpoint";
import type { Db } from "@/lib/db/client";
import { appendMany } from "@/lib/testing/audit-tampering";
import { testDb } from "@/lib/testing/database";
import { createOwner } from "@/lib/testing/factories";
import { auditCheckpointsJob, runWorker, WORKER_JOBS } from "./worker";

let db: Db;
beforeAll(() => {
  db = testDb();
});
afterEach(() => {
  delete process.env.VERITY_CHECKPOINT_INTERVAL;
});

describe("the worker's audit checkpoints job", () => {
  it("signs a checkpoint of each org's new entries, again as more arrive", async () => {
    process.env.VERITY_CHECKPOINT_INTERVAL = "0";
    expect(WORKER_JOBS.map((job) => job.name)).toContain("audit checkpoints");
    const { org } = await createOwner();
    // The job as the worker runs it, limited to this organization: the run's database is shared with other files.
    const job = auditCheckpointsJob({ orgIds: [org.id] });
    const stop = new AbortController();
    const worker = runWorker({ db, signal: stop.signal, jobs: [job], log: () => {} });
    try {
      await expect.poll(async () => (await listCheckpoints(db, org.id)).at(-1)?.size, { timeout: 50_000 }).toBe(2n);
      await appendMany(db, org.id, 40);
      await expect.poll(async () => (await listCheckpoints(db, org.id)).at(-1)?.size, { timeout: 50_000 }).toBe(42n);
    } finally {
      stop.abort();
      await worker;
    }
  }, 120_000);
});
