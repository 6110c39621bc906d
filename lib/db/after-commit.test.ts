import { describe, expect, it, vi } from "vitest";
import { testDb } from "@/lib/testing/database";
import { afterCommit } from "./client";

describe("afterCommit", () => {
  it("runs work registered through another copy of the module (the production server loads one per bundle)", async () => {
    const db = testDb();
    vi.resetModules();
    const copy = (await import("./client")) as typeof import("./client");
    expect(copy.afterCommit).not.toBe(afterCommit);
    const ran: string[] = [];
    await db.$transaction(async (tx) => {
      expect(copy.afterCommit(tx, "from the copy", async () => void ran.push("copy"))).toBe(true);
      expect(afterCommit(tx, "from this one", async () => void ran.push("this"))).toBe(true);
      expect(ran).toEqual([]);
    });
    expect(ran.sort()).toEqual(["copy", "this"]);
  });

  it("runs nothing when the transaction rolls back", async () => {
    const ran: string[] = [];
    await expect(
      testDb().$transaction(async (tx) => {
        afterCommit(tx, "never", async () => void ran.push("never"));
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(ran).toEqual([]);
  });
});
