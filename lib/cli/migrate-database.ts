import { applyMigrations, migrationState } from "@/lib/db/migrations/apply-migrations";
import { grantAppRole } from "@/lib/db/migrations/grant-app-role";

/**
 * `verity db migrate` and `verity start`'s migrate step: with DATABASE_OWNER_URL, the owner role
 * applies the migrations and then runs the grants step, which gives the application role
 * (DATABASE_URL's) only what it needs (lib/db/migrations/grant-app-role.ts). Without it, the one
 * role does everything, as before.
 */
export async function migrateDatabase({ log = (_: string) => {} } = {}): Promise<string[]> {
  const appUrl = process.env.DATABASE_URL!;
  const ownerUrl = process.env.DATABASE_OWNER_URL;
  if (!ownerUrl) return applyMigrations(appUrl, { log });
  const applied = await applyMigrations(ownerUrl, { log });
  const grants = await grantAppRole({ ownerUrl, appUrl });
  if (grants.separate) log(`granted ${grants.appRole} the application's privileges (owner: ${grants.ownerRole})`);
  if (grants.appRoleIsSuperuser) log(`warning: ${grants.appRole} is a superuser: no grant limits it`);
  return applied;
}

/**
 * The other commands that need an up-to-date database (worker, seed, billing) never use the owner
 * role: with DATABASE_OWNER_URL set they only check that nothing is pending; with one role they
 * migrate, as before.
 */
export async function ensureMigrated(): Promise<void> {
  if (!process.env.DATABASE_OWNER_URL) {
    await applyMigrations(process.env.DATABASE_URL!);
    return;
  }
  const state = await migrationState(process.env.DATABASE_URL!);
  if (state.pending.length > 0 || state.problems.length > 0)
    throw new Error(
      "The database is not up to date: run `verity db migrate` (it migrates as DATABASE_OWNER_URL's role).",
    );
}
