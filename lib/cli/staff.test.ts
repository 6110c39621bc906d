import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { testDb } from "@/lib/testing/database";
import { createOwner } from "@/lib/testing/factories";

const verity = fileURLToPath(new URL("./verity.mjs", import.meta.url));

/** The real `verity staff …`, in its own process, on the test database. */
async function verityStaff(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return promisify(execFile)(process.execPath, [verity, "staff", ...args], { env: process.env }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

let db: Db;
beforeAll(() => {
  db = testDb();
});

describe("verity staff", () => {
  it("grants and revokes platform staff, each once, in the hash-linked platform trail", async () => {
    const { user } = await createOwner();
    expect(await verityStaff("grant", user.email.toUpperCase())).toMatchObject({ code: 0 });
    expect((await verityStaff("grant", user.email)).stdout).toMatch(/already staff/);
    expect(await db.platformStaff.count({ where: { userId: user.id } })).toBe(1);
    expect((await verityStaff("revoke", user.email)).stdout).toMatch(/no longer platform staff/);
    expect(await db.platformStaff.count({ where: { userId: user.id } })).toBe(0);

    const rows = await db.platformTrailEntry.findMany({ where: { targetUserId: user.id }, orderBy: { seq: "asc" } });
    expect(rows.map((row) => row.action)).toEqual(["staff.granted", "staff.revoked"]);
    expect(rows[0].actorDisplay).toMatch(/verity CLI/);
    for (const row of rows) {
      const previous = await db.platformTrailEntry.findUnique({ where: { seq: row.seq - 1n } });
      if (previous) expect(row.prevHash).toBe(previous.hash);
    }
  });

  it("refuses an unknown address and a missing one", async () => {
    expect(await verityStaff("grant", "nobody-at-all@example.test")).toMatchObject({ code: 1 });
    expect(await verityStaff("revoke")).toMatchObject({ code: 2 });
  });

  it("keeps the platform trail append-only in the database itself", async () => {
    const { user } = await createOwner();
    await verityStaff("grant", user.email);
    const row = await db.platformTrailEntry.findFirstOrThrow({ where: { targetUserId: user.id } });
    await expect(
      db.platformTrailEntry.update({ where: { seq: row.seq }, data: { actorDisplay: "someone else" } }),
    ).rejects.toThrow(/append-only/);
    await expect(db.platformTrailEntry.delete({ where: { seq: row.seq } })).rejects.toThrow(/append-only/);
  });
});
