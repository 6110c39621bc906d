import pg from "pg";
import { APPEND_ONLY_TABLES, READ_ONLY_TABLES } from "../append-only-tables";

export type AppRoleGrants = { appRole: string; ownerRole: string; separate: boolean; appRoleIsSuperuser: boolean };

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

async function currentUser(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ role: string }>("SELECT current_user AS role")).rows[0].role;
  } finally {
    await client.end();
  }
}

/** What the application role may do on each table: the append-only log less than the rest. */
export function privilegesFor(table: string): string {
  if (READ_ONLY_TABLES.includes(table)) return "SELECT";
  if (APPEND_ONLY_TABLES.includes(table)) return "SELECT, INSERT";
  return "SELECT, INSERT, UPDATE, DELETE";
}

/**
 * The grants step, run as the owner role after migrating: the application role (DATABASE_URL's)
 * gets exactly what privilegesFor says on every table of the schema, USAGE on its sequences, and
 * nothing else (no TRUNCATE, REFERENCES or TRIGGER; everything granted before is revoked first).
 * It owns nothing, so it cannot disable a trigger, drop a table or change a migration. Nothing to do
 * when both addresses are the same role. Refuses when the application role owns a table: until the
 * owner role owns it, no grant can take anything away.
 */
export async function grantAppRole({ ownerUrl, appUrl }: { ownerUrl: string; appUrl: string }): Promise<AppRoleGrants> {
  const appRole = await currentUser(appUrl);
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const ownerRole = (await client.query<{ role: string }>("SELECT current_user AS role")).rows[0].role;
    const { rows: roles } = await client.query<{ rolsuper: boolean }>(
      "SELECT rolsuper FROM pg_roles WHERE rolname = $1",
      [appRole],
    );
    const facts = { appRole, ownerRole, appRoleIsSuperuser: roles[0]?.rolsuper ?? false };
    if (appRole === ownerRole) return { ...facts, separate: false };
    await client.query("BEGIN");
    try {
      await grantOnSchema(client, appRole);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    }
    return { ...facts, separate: true };
  } finally {
    await client.end();
  }
}

async function grantOnSchema(client: pg.Client, appRole: string) {
  const app = quoteIdent(appRole);
  const schema = quoteIdent((await client.query<{ name: string }>("SELECT current_schema() AS name")).rows[0].name);
  const { rows: tables } = await client.query<{ name: string; owner: string }>(
    `SELECT c.relname AS name, pg_get_userbyid(c.relowner) AS owner FROM pg_class c
      WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
      ORDER BY c.relname`,
  );
  const owned = tables.filter((table) => table.owner === appRole).map((table) => table.name);
  if (owned.length > 0)
    throw new Error(
      `The application role ${appRole} owns ${owned.join(", ")}, so no grant can limit it. As a superuser, run ` +
        `REASSIGN OWNED BY ${app} TO <the owner role>; in this database, then migrate again.`,
    );
  await client.query(`GRANT USAGE ON SCHEMA ${schema} TO ${app}`);
  // No one but the owner creates in the schema: a function or operator of the application role's making could
  // otherwise shadow a built-in that the owner's SECURITY DEFINER functions call.
  await client.query(`REVOKE CREATE ON SCHEMA ${schema} FROM PUBLIC, ${app}`);
  const { rows: creates } = await client.query<{ can: boolean }>(
    "SELECT has_schema_privilege($1, current_schema(), 'CREATE') AS can",
    [appRole],
  );
  if (creates[0].can)
    throw new Error(`The application role ${appRole} can still create objects in ${schema} (a role it belongs to may)`);
  for (const { name } of tables) {
    await client.query(`REVOKE ALL ON TABLE ${quoteIdent(name)} FROM ${app}`);
    await client.query(`GRANT ${privilegesFor(name)} ON TABLE ${quoteIdent(name)} TO ${app}`);
  }
  await client.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA ${schema} FROM ${app}`);
  await client.query(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA ${schema} TO ${app}`);
  // The owner's functions the application calls: linking committed audit entries (PUBLIC may not).
  await client.query(`GRANT EXECUTE ON FUNCTION verity_link_pending_audit_entries(uuid[], uuid[]) TO ${app}`);
  await client.query(`GRANT EXECUTE ON FUNCTION verity_link_committed_audit_entries(uuid[], uuid[]) TO ${app}`);
}
