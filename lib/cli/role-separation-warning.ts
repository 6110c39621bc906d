/** The user an address connects as, or the whole address when it names none (a socket default). */
function roleOf(url: string): string {
  try {
    return decodeURIComponent(new URL(url).username) || url;
  } catch {
    return url;
  }
}

/**
 * What `verity start` says once when the application and the migrations share one database role
 * (a single DATABASE_URL, or the embedded database): that role owns the tables, so it could switch
 * the append-only triggers off, and the trail is only as protected as its password. Null when
 * DATABASE_OWNER_URL names another role.
 */
export function roleSeparationWarning(env: { DATABASE_URL?: string; DATABASE_OWNER_URL?: string }, embedded: boolean) {
  const why = "the audit trail is then only as protected as that role";
  if (embedded)
    return (
      `Note: the embedded database has one role, which owns the tables: ${why} (and whoever can read .data/). ` +
      "Use PostgreSQL with DATABASE_OWNER_URL for a separate owner role."
    );
  const { DATABASE_URL: appUrl, DATABASE_OWNER_URL: ownerUrl } = env;
  if (ownerUrl && appUrl && roleOf(ownerUrl) !== roleOf(appUrl)) return null;
  return (
    `Note: DATABASE_URL's role also owns the tables (no separate DATABASE_OWNER_URL): ${why}. ` +
    'See "Two database roles" in the README.'
  );
}
