import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { directoryStore } from "@/lib/lifecycle/archive/directory-store";
import { recordingObjectKey } from "@/lib/recordings/store/recording-store";
import { readObject } from "@/lib/testing/archive-test-stores";
import { testDb } from "@/lib/testing/database";
import { createOwner } from "@/lib/testing/factories";

const verity = fileURLToPath(new URL("./verity.mjs", import.meta.url));
let db: Db;
let archive: string;
beforeAll(async () => {
  db = testDb();
  archive = await mkdtemp(path.join(tmpdir(), "verity-pci-sweep-"));
});
afterAll(() => rm(archive, { recursive: true, force: true }));

/** The real `verity pci sweep …`, in its own process, on the run's database and this test's directory store. */
async function sweep(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return promisify(execFile)(process.execPath, [verity, "pci", "sweep", ...args], {
    env: { ...process.env, VERITY_ARCHIVE_DIR: archive },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

describe("verity pci sweep", () => {
  it("destroys an abandoned upload's object of the organization named, on the record; an unknown one is refused", async () => {
    const owner = await createOwner();
    const store = directoryStore(archive);
    const abandoned = crypto.randomUUID();
    const key = recordingObjectKey(owner.org.id, abandoned, "audio", new Date(Date.now() - 2 * 3_600_000));
    await store.putText(key, "unredacted audio");

    const ran = await sweep("--org", owner.org.slug);
    expect(ran).toMatchObject({ code: 0, stdout: expect.stringContaining("swept 1 object(s) of 1 recording(s)") });
    expect(await readObject(store, key)).toBeNull();
    const entries = await db.auditEntry.findMany({
      where: { orgId: owner.org.id, action: "recording.objects_swept" },
      select: { targetId: true, metadata: true },
    });
    expect(entries).toEqual([{ targetId: abandoned, metadata: expect.objectContaining({ reason: "not_on_record" }) }]);

    const unknown = await sweep("--org", `no-such-org-${abandoned}`);
    expect(unknown).toMatchObject({ code: 2, stderr: expect.stringContaining("verity pci sweep: no organization") });
  });
});
