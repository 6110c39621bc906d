import { openEmbeddedDatabase, type EmbeddedDatabase } from "@/lib/db/embedded";

/**
 * Runs `fn` with DATABASE_URL pointing at the database: the user's PostgreSQL when set, otherwise
 * the embedded one (served by a running `verity start`, or by this process for the command's length).
 */
export async function withDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  let embedded: EmbeddedDatabase | null = null;
  if (!process.env.DATABASE_URL) {
    embedded = await openEmbeddedDatabase();
    process.env.DATABASE_URL = embedded.url;
  }
  try {
    return await fn(process.env.DATABASE_URL!);
  } finally {
    const { getDb } = await import("@/lib/db/client");
    if ((globalThis as { verityDb?: unknown }).verityDb) await getDb().$disconnect();
    await embedded?.stop();
  }
}
