/**
 * Every process reaches the database through DATABASE_URL. When the user sets none, `verity start`
 * (and every CLI command) serves the embedded PGlite database in `.data/` over the Postgres
 * protocol and exports its address here, so the app has exactly one code path.
 */
export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error(
      "DATABASE_URL is not set. Start Verity with `npm start` (embedded database) or set DATABASE_URL to a PostgreSQL server.",
    );
  }
  return url;
}

/** The embedded database's addresses carry this application name (lib/db/embedded.ts), so clients can tell it apart. */
export const EMBEDDED_APPLICATION_NAME = "verity-embedded";

export function isEmbeddedDatabaseUrl(url: string): boolean {
  try {
    return new URL(url).searchParams.get("application_name") === EMBEDDED_APPLICATION_NAME;
  } catch {
    return false;
  }
}
