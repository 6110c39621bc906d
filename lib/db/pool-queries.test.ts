import { describe, expect, it } from "vitest";
import { isPostgres, testDb } from "@/lib/testing/database";
import { isEmbeddedDatabaseUrl } from "./database-url";
import { Prisma } from "./generated/client";
import { queryPrepared, queryTextRows } from "./client";

describe("queryPrepared", () => {
  const seesItself = Prisma.sql`SELECT count(*)::int AS prepared FROM pg_prepared_statements WHERE name = 'verity_test_sees_itself'`;

  it.runIf(isPostgres())("prepares the statement under its name on PostgreSQL, once per connection", async () => {
    const db = testDb();
    // A named statement is parsed before it runs, so it finds itself in its session's prepared statements.
    const runs = await Promise.all(
      Array.from({ length: 12 }, () => queryPrepared<{ prepared: number }>(db, "verity_test_sees_itself", seesItself)),
    );
    expect(runs.map(([row]) => row.prepared)).toEqual(Array(12).fill(1));
  });

  it.runIf(isPostgres())("recovers when a migration changes what a prepared statement returns", async () => {
    const db = testDb();
    const table = `prepared_probe_${Date.now()}`;
    await db.$executeRawUnsafe(`CREATE TABLE ${table} (value int)`);
    try {
      await db.$executeRawUnsafe(`INSERT INTO ${table} VALUES (7)`);
      const read = () =>
        queryPrepared<{ value: unknown }>(
          db,
          `verity_test_${table}`,
          Prisma.sql`SELECT value FROM ${Prisma.raw(table)}`,
        );
      // Prepared on every connection of the pool, then the column changes type under them.
      expect((await Promise.all(Array.from({ length: 12 }, read))).map(([row]) => row.value)).toEqual(
        Array(12).fill(7),
      );
      await db.$executeRawUnsafe(`ALTER TABLE ${table} ALTER COLUMN value TYPE text`);
      expect((await Promise.all(Array.from({ length: 12 }, read))).map(([row]) => row.value)).toEqual(
        Array(12).fill("7"),
      );
      expect((await Promise.all(Array.from({ length: 12 }, read))).map(([row]) => row.value)).toEqual(
        Array(12).fill("7"),
      );
    } finally {
      await db.$executeRawUnsafe(`DROP TABLE ${table}`);
    }
  });

  it.skipIf(isPostgres())(
    "leaves the statement unnamed on the embedded database, whose connections share one session",
    async () => {
      const db = testDb();
      const runs = await Promise.all(
        Array.from({ length: 12 }, () =>
          queryPrepared<{ prepared: number }>(db, "verity_test_sees_itself", seesItself),
        ),
      );
      expect(runs.map(([row]) => row.prepared)).toEqual(Array(12).fill(0));
    },
  );

  it("returns the column types $queryRaw returns", async () => {
    const db = testDb();
    const at = new Date("2026-03-01T12:34:56.789Z");
    const sql = Prisma.sql`SELECT ${at}::timestamptz AS at, 42::int AS count, ARRAY['a', 'b']::text[] AS list, true AS flag,
                                  NULL::timestamptz AS missing, ${"x"}::text AS text`;
    const [prepared] = await queryPrepared<Record<string, unknown>>(db, "verity_test_types", sql);
    const [raw] = await db.$queryRaw<Record<string, unknown>[]>(sql);
    expect(prepared).toEqual(raw);
    expect(prepared).toEqual({ at, count: 42, list: ["a", "b"], flag: true, missing: null, text: "x" });
  });
});

describe("queryTextRows", () => {
  it("gives every column as text, in select-list order, the same through the pool and inside a transaction", async () => {
    const db = testDb();
    const sql = Prisma.sql`SELECT n::text AS n, (n * 2)::text AS doubled, ${"ü"}::text AS text, NULL::text AS missing,
                                  '{"b": 1, "a": [true]}'::jsonb::text AS json
                             FROM generate_series(1, 3) AS n ORDER BY n DESC`;
    const expected = [
      ["3", "6", "ü", null, '{"a": [true], "b": 1}'],
      ["2", "4", "ü", null, '{"a": [true], "b": 1}'],
      ["1", "2", "ü", null, '{"a": [true], "b": 1}'],
    ];
    expect(await queryTextRows(db, sql)).toEqual(expected);
    expect(await db.$transaction((tx) => queryTextRows(tx, sql))).toEqual(expected);
  });
});

describe("isEmbeddedDatabaseUrl", () => {
  it("tells the embedded database's address from a PostgreSQL server's", () => {
    expect(
      isEmbeddedDatabaseUrl(
        "postgresql://postgres@127.0.0.1:5544/postgres?sslmode=disable&application_name=verity-embedded",
      ),
    ).toBe(true);
    expect(isEmbeddedDatabaseUrl("postgresql://postgres@127.0.0.1:5432/verity")).toBe(false);
    expect(isEmbeddedDatabaseUrl("postgresql://postgres@127.0.0.1:5432/verity?application_name=reporting")).toBe(false);
    expect(isEmbeddedDatabaseUrl("not a url")).toBe(false);
  });
});
