import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openMemoryDatabase, type EmbeddedDatabase } from "./embedded";

let embedded: EmbeddedDatabase;
let pool: pg.Pool;
beforeAll(async () => {
  embedded = await openMemoryDatabase();
  pool = new pg.Pool({ connectionString: embedded.url, max: 8 });
});
afterAll(async () => {
  await pool.end();
  await embedded.stop();
});

describe("the embedded database's socket server", () => {
  it("answers concurrent parameterised queries from many connections, each with its own parameters", async () => {
    const queries = Array.from({ length: 200 }, (_, i) =>
      i % 2 === 0
        ? pool.query("SELECT $1::int + $2::int AS value", [i, 1000]).then((result) => [i, result.rows[0].value])
        : pool.query("SELECT length($1::text) AS value", ["x".repeat(i)]).then((result) => [i, result.rows[0].value]),
    );
    const results = await Promise.all(queries);
    for (const [i, value] of results) expect({ i, value }).toEqual({ i, value: i % 2 === 0 ? i + 1000 : i });
  });

  it("keeps each connection's statements apart under Prisma's driver adapter too", async () => {
    const { connectDb } = await import("./client");
    const db = connectDb(embedded.url);
    try {
      const results = await Promise.all(
        Array.from({ length: 90 }, (_, i) =>
          i % 3 === 0
            ? db.$queryRaw<
                { value: number }[]
              >`SELECT ${i}::int + ${1}::int + ${2}::int + ${3}::int + ${4}::int AS value`.then((rows) => [
                i,
                rows[0].value,
              ])
            : i % 3 === 1
              ? db
                  .$transaction(
                    async (tx) => {
                      await tx.$queryRaw`SELECT ${i}::int, ${"a"}::text, ${"b"}::text`;
                      return tx.$queryRaw<{ value: number }[]>`SELECT ${i}::int AS value`;
                    },
                    // The embedded database runs one transaction at a time: on a busy machine the last ones wait a while.
                    { maxWait: 60_000 },
                  )
                  .then((rows) => [i, rows[0].value])
              : db.$queryRaw<
                  { value: number }[]
                >`WITH t AS (SELECT ${i}::int AS v) SELECT v + ${0}::int AS value FROM t`.then((rows) => [
                  i,
                  rows[0].value,
                ]),
        ),
      );
      for (const [i, value] of results) expect({ i, value }).toEqual({ i, value: i % 3 === 0 ? i + 10 : i });
    } finally {
      await db.$disconnect();
    }
  });

  it("keeps serving after a failing statement", async () => {
    await expect(pool.query("SELECT $1::int / 0", [1])).rejects.toThrow(/division by zero/);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => pool.query("SELECT $1::int AS value", [i])));
    expect(results.map((result) => result.rows[0].value)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });
});
