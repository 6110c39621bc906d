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
