import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { testDb } from "@/lib/testing/database";
import { createOwner } from "@/lib/testing/factories";
import { listMembers, ZMembersQuery } from "./list-members";

let db: Db;
beforeAll(() => {
  db = testDb();
});

describe("the members page's ?q=", () => {
  it("falls back to no search when it holds a NUL or is too long, instead of failing the page", async () => {
    const { org, user } = await createOwner();
    for (const q of ["ada\u0000", "\u0000", "a".repeat(101)]) {
      const query = ZMembersQuery.parse({ q, role: "OWNER" });
      expect(query.q).toBe("");
      const { rows } = await listMembers(db, { orgId: org.id, query });
      expect(rows.map((row) => row.userId)).toEqual([user.id]);
    }
  });
});
