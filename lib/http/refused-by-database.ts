import { AppError } from "./app-error";

/**
 * PostgreSQL's "this value is not valid input" errors: a NUL in text (22021), a character or Unicode
 * escape jsonb cannot hold (22P05), text that does not parse as the column's type (22P02). The guard
 * refuses such input before it reaches a query (storable-input.ts); these codes only surface if some
 * field slipped past it.
 */
const INVALID_INPUT_CODES = new Set(["22021", "22P05", "22P02"]);

/**
 * The PostgreSQL error code behind an error: a Prisma error raised through the driver adapter, or the driver's own
 * error from a statement run on the connection pool without the ORM (queryPrepared, queryRows), which carries the
 * SQLSTATE as `code` beside a `severity`.
 */
function postgresCodeOf(error: unknown): string | null {
  const cause = (error as { meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } } } | null)?.meta
    ?.driverAdapterError?.cause;
  if (typeof cause?.originalCode === "string") return cause.originalCode;
  const driver = error as { code?: unknown; severity?: unknown } | null;
  return typeof driver?.code === "string" && typeof driver.severity === "string" && /^[0-9A-Z]{5}$/.test(driver.code)
    ? driver.code
    : null;
}

/**
 * The last line of defence in the error mappers: a value the database refused as input is the
 * client's fault, a 400 (or a form error), not a 500. It is still logged, as a warning, so that a
 * field the guard should have caught is seen and fixed.
 */
export function inputRefusedByDatabase(error: unknown, where: string): AppError | null {
  const code = postgresCodeOf(error);
  if (code === null || !INVALID_INPUT_CODES.has(code)) return null;
  console.warn(`[${where}] input refused by the database (${code}): a field the guard's checks missed`, error);
  return new AppError("invalid_input", "The request has text that cannot be stored.", {
    _: ["Some text cannot be stored (for example, it contains a NUL character)."],
  });
}
