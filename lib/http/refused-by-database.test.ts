import { beforeAll, describe, expect, it } from "vitest";
import { queryRows, type Db } from "@/lib/db/client";
import { actionFailure } from "./action-result";
import { testDb } from "@/lib/testing/database";
import { problemResponse } from "./problem";

let db: Db;
beforeAll(() => {
  db = testDb();
});

/** What the database throws for a value it refuses as input, as a service would meet it. */
async function refusal(query: () => Promise<unknown>): Promise<unknown> {
  try {
    await query();
  } catch (error) {
    return error;
  }
  throw new Error("the database accepted it");
}

describe("input the database refuses, past the guard's checks", () => {
  it("answers 400 problem+json, not 500, for a NUL in text, a NUL escape in jsonb, or text that is not a uuid", async () => {
    const errors = [
      await refusal(() => db.$queryRaw`SELECT ${"a\u0000b"}::text`),
      await refusal(() => db.$queryRaw`SELECT ${'{"a":"\\u0000"}'}::jsonb`),
      await refusal(() => db.$queryRaw`SELECT ${"not-a-uuid"}::uuid`),
    ];
    for (const error of errors) {
      const response = problemResponse(error, "req-1");
      expect({ status: response.status, type: response.headers.get("content-type") }).toEqual({
        status: 400,
        type: "application/problem+json",
      });
      expect((await response.json()).errors).toEqual({ _: [expect.any(String)] });
      expect(actionFailure(error)).toMatchObject({ ok: false, code: "invalid_input" });
    }
  });

  it("still answers 500 for a database error that is not about the input (a bug stays a bug)", async () => {
    const error = await refusal(() => db.$queryRaw`SELECT * FROM no_such_table`);
    expect(problemResponse(error, "req-2").status).toBe(500);
    expect(actionFailure(error)).toMatchObject({ ok: false, code: "internal" });
  });

  it("answers 400 alike for a statement run straight on the connection pool, whose error is the driver's own", async () => {
    const fromPool = await refusal(() => queryRows(db, { text: "SELECT $1::uuid AS id", values: ["not-a-uuid"] }));
    expect(problemResponse(fromPool, "req-3").status).toBe(400);
    expect(actionFailure(fromPool)).toMatchObject({ ok: false, code: "invalid_input" });
    const notInput = await refusal(() => queryRows(db, { text: "SELECT * FROM no_such_table", values: [] }));
    expect(problemResponse(notInput, "req-4").status).toBe(500);
  });
});
