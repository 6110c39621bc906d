import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export type MigrationFile = { name: string; sql: string; checksum: string };

export function migrationsDir(): string {
  return join(process.env.VERITY_ROOT ?? process.cwd(), "prisma", "migrations");
}

/**
 * The migrations in Prisma's layout (`<timestamp>_<name>/migration.sql`), oldest first.
 * The checksum is the SHA-256 of the file's bytes, as Prisma records it in `_prisma_migrations`.
 */
export function readMigrations(dir = migrationsDir()): MigrationFile[] {
  // The folder is read at run time on purpose (turbopackIgnore): the server applies and reports migrations.
  if (!existsSync(/*turbopackIgnore: true*/ dir)) return [];
  return readdirSync(/*turbopackIgnore: true*/ dir, { withFileTypes: true })
    .filter(
      (entry) => entry.isDirectory() && existsSync(/*turbopackIgnore: true*/ join(dir, entry.name, "migration.sql")),
    )
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const bytes = readFileSync(/*turbopackIgnore: true*/ join(dir, name, "migration.sql"));
      return { name, sql: bytes.toString("utf8"), checksum: createHash("sha256").update(bytes).digest("hex") };
    });
}
