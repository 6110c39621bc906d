import { describe, expect, it, vi } from "vitest";
import { queryRows } from "@/lib/db/client";
import { testDb } from "@/lib/testing/database";
import { AppError } from "./app-error";
import { inputRefusedByDatabase } from "./refused-by-database";

/** What the database answers for `sql`: its error, from the connection pool (no ORM) or from the ORM. */
async function refusal(run: () => Promise<unknown>): Promise<unknown> {
  return run().then(
    () => expect.unreachable("the database accepted the input"),
    (error: unknown) => error,
  );
}

describe("input the database refuses", () => {
  it("is a 400 whether the statement ran through the ORM or straight on the connection pool", async () => {
    const db = testDb();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const statement = { text: "SELECT $1::uuid AS id", values: ["not-a-uuid"] };
      const fromPool = await refusal(() => queryRows(db, statement));
      const fromOrm = await refusal(() => db.$queryRawUnsafe(statement.text, ...statement.values));
      for (const error of [fromPool, fromOrm]) {
        const mapped = inputRefusedByDatabase(error, "test");
        expect(mapped).toBeInstanceOf(AppError);
        expect(mapped?.code).toBe("invalid_input");
      }
      // Anything else the database says stays a server error.
      const other = await refusal(() => queryRows(db, { text: "SELECT 1 / 0", values: [] }));
      expect(inputRefusedByDatabase(other, "test")).toBeNull();
      expect(inputRefusedByDatabase(new Error("boom"), "test")).toBeNull();
    } finally {
      warn.mockRestore();
    }
  });
});
