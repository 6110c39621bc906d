import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { appendMany } from "@/lib/testing/audit-tampering";
import { testDb } from "@/lib/testing/database";
import { createOwner } from "@/lib/testing/factories";

const verity = fileURLToPath(new URL("./verity.mjs", import.meta.url));
let db: Db;
let archiveDir: string;

/** The real `verity`, in its own process, on the test database, archiving to a directory of this test's own. */
async function run(...args: string[]): Promise<{ code: number; stdout: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, VERITY_ARCHIVE_DIR: archiveDir };
  delete env.VERITY_ARCHIVE_S3_BUCKET;
  return promisify(execFile)(process.execPath, [verity, ...args], { env }).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
  );
}

beforeAll(async () => {
  db = testDb();
  archiveDir = await mkdtemp(path.join(tmpdir(), "verity-archive-cli-"));
});
afterAll(() => rm(archiveDir, { recursive: true, force: true }));

describe("verity archive", () => {
  it("runs, verifies, restores a bundle verify-export accepts, and names a missing segment", async () => {
    const { org } = await createOwner();
    await appendMany(db, org.id, 598);
    const ran = await run("archive", "run", "--org", org.slug, "--older-than", "0");
    const name = `${org.id}/0000000000000001-0000000000000512`;
    expect(ran).toMatchObject({
      code: 0,
      stdout: expect.stringContaining(`${org.slug}: archived entries 1..512 (512)`),
    });
    expect(await run("archive", "verify", "--org", org.slug)).toMatchObject({
      code: 0,
      stdout: expect.stringContaining("intact: 1 segment(s), entries 1..512"),
    });
    expect(await run("audit", "verify", "--org", org.slug)).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(
        /archive: 1 segment\(s\) of entries 1\.\.512, 512 entries checked[\s\S]*intact: \d+ entries checked[\s\S]*entry 513 links/,
      ),
    });
    const out = path.join(archiveDir, "restored.bundle.ndjson");
    const restored = await run("archive", "restore", "--org", org.slug, "--from", "10", "--to", "500", "--out", out);
    expect(restored).toMatchObject({ code: 0, stdout: expect.stringContaining("entries 10..500 (491)") });
    expect(await run("verify-export", out)).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/intact: 491 entries, seq 10\.\.500[\s\S]*signed checkpoint verified/),
    });
    await rm(path.join(archiveDir, `${name}.ndjson.gz`));
    expect(await run("archive", "verify", "--org", org.slug)).toMatchObject({
      code: 1,
      stdout: expect.stringContaining(
        `MISSING ${name} (entries 1..512): its entries object ${name}.ndjson.gz is missing`,
      ),
    });
    // The trail's own verification covers the archive too: the missing segment breaks it, named.
    expect(await run("audit", "verify", "--org", org.slug)).toMatchObject({
      code: 1,
      stdout: expect.stringMatching(
        new RegExp(`MISSING ${name} \\(entries 1\\.\\.512\\)[\\s\\S]*BROKEN at seq 1 \\(archive\\): segment ${name}`),
      ),
    });
    expect(await run("archive", "run", "--older-than", "soon")).toMatchObject({ code: 2 });
    // Nine CLI processes, each starting up on its own: longer than one test's default on a busy machine.
  }, 180_000);
});
