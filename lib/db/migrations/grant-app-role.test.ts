import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { appendAuditEntryOnItsOwn } from "@/lib/audit/append-audit-entry-on-its-own";
import { appendAuditEntry, committedEntry, SYSTEM_ACTOR } from "@/lib/audit/append-audit-entry";
import { verifyChain } from "@/lib/audit/verify-chain";
import { connectDb, type Db } from "@/lib/db/client";
import { archiveOrg } from "@/lib/lifecycle/archive/archive-org";
import { directoryStore } from "@/lib/lifecycle/archive/directory-store";
import { purgeArchive } from "@/lib/lifecycle/archive/purge-archive";
import { createOrganization } from "@/lib/orgs/create-organization";
import { appendMany } from "@/lib/testing/audit-tampering";
import { isPostgres } from "@/lib/testing/database";
import { grantAppRole, privilegesFor } from "./grant-app-role";

describe("what each table grants the application role", () => {
  it("the audit trail: read and append only; the migration history: read only; the rest: read and write", () => {
    expect(privilegesFor("audit_entries")).toBe("SELECT, INSERT");
    expect(privilegesFor("audit_pending_entries")).toBe("SELECT, INSERT");
    expect(privilegesFor("audit_checkpoint_cosignatures")).toBe("SELECT, INSERT");
    expect(privilegesFor("_prisma_migrations")).toBe("SELECT");
    expect(privilegesFor("webhook_deliveries")).toBe("SELECT, INSERT, UPDATE, DELETE");
  });
});

/**
 * The two-role setup on a real server: a login role for the test, granted by the grants step as the
 * owner (the run's superuser, who applied the migrations), then used the way the application uses
 * DATABASE_URL. PGlite has one role, so this runs on PostgreSQL only.
 */
describe.skipIf(!isPostgres())("the application role after the grants step (PostgreSQL)", () => {
  const role = `verity_app_test_${randomBytes(4).toString("hex")}`;
  const ownerUrl = inject("databaseUrl");
  const appUrl = Object.assign(new URL(ownerUrl), { username: role, password: "" }).toString();
  let owner: pg.Client;
  let app: pg.Client;
  let appDb: Db;

  beforeAll(async () => {
    owner = new pg.Client({ connectionString: ownerUrl });
    await owner.connect();
    await owner.query(`CREATE ROLE ${role} LOGIN`);
    const grants = await grantAppRole({ ownerUrl, appUrl });
    expect(grants).toMatchObject({ appRole: role, separate: true, appRoleIsSuperuser: false });
    app = new pg.Client({ connectionString: appUrl });
    await app.connect();
    appDb = connectDb(appUrl);
  });

  afterAll(async () => {
    await app?.end();
    await appDb?.$disconnect();
    await owner.query(`DROP OWNED BY ${role}`);
    await owner.query(`DROP ROLE ${role}`);
    await owner.end();
  });

  it("cannot switch the audit triggers off, or replication mode on", async () => {
    await expect(app.query("ALTER TABLE audit_entries DISABLE TRIGGER ALL")).rejects.toThrow(/must be owner/);
    await expect(app.query("ALTER TABLE audit_chain_heads DISABLE TRIGGER USER")).rejects.toThrow(/must be owner/);
    await expect(app.query("SET session_replication_role = replica")).rejects.toThrow(/permission denied/);
  });

  it("cannot truncate, update or delete audit entries, nor truncate any table or rewrite the migration history", async () => {
    await expect(app.query("TRUNCATE audit_entries")).rejects.toThrow(/permission denied for table audit_entries/);
    await expect(app.query("TRUNCATE sessions")).rejects.toThrow(/permission denied for table sessions/);
    await expect(app.query("UPDATE audit_entries SET action = 'forged'")).rejects.toThrow(/permission denied/);
    await expect(app.query("DELETE FROM audit_entries")).rejects.toThrow(/permission denied/);
    // Entries waiting for their transaction's commit leave only through the owner's linker.
    await expect(app.query("DELETE FROM audit_pending_entries")).rejects.toThrow(/permission denied/);
    await expect(app.query("UPDATE audit_pending_entries SET action = 'forged'")).rejects.toThrow(/permission denied/);
    await expect(app.query(`UPDATE "_prisma_migrations" SET checksum = 'x'`)).rejects.toThrow(/permission denied/);
    await expect(app.query("DROP TABLE audit_entries")).rejects.toThrow(/must be owner/);
  });

  it("does the application's work: creates an organization and appends to its chain, in its transaction too", async () => {
    const user = await appDb.user.create({
      data: { email: `${role}@example.test`, name: "Least Privilege", passwordHash: "x" },
    });
    const org = await appDb.$transaction((tx) =>
      createOrganization(tx, { name: "Least privilege", ownerId: user.id, actor: SYSTEM_ACTOR, context: null }),
    );
    await appDb.organization.update({ where: { id: org.id }, data: { name: "Least privilege, renamed" } });
    const appended = await appendAuditEntryOnItsOwn(appDb, {
      orgId: org.id,
      action: "custom.test.event",
      actor: SYSTEM_ACTOR,
      metadata: { through: "the application role" },
    });
    expect(appended.seq).toBe(2n);
    // In a transaction: committed as pending, linked right after the commit through the owner's function.
    const inTransaction = await appDb.$transaction((tx) =>
      appendAuditEntry(tx, { orgId: org.id, action: "custom.test.event", actor: SYSTEM_ACTOR, metadata: {} }),
    );
    expect(await committedEntry(appDb, inTransaction)).toMatchObject({ seq: 3n });
    expect(await verifyChain({ db: appDb, orgId: org.id })).toMatchObject({ ok: true, headSeq: 3n, pending: 0 });
  });

  it("cannot create in the schema, nor choose a pending entry's place; may call the linker, which PUBLIC may not", async () => {
    await expect(
      app.query("CREATE FUNCTION decode(text, text) RETURNS bytea LANGUAGE sql AS 'SELECT null'"),
    ).rejects.toThrow(/permission denied for schema/);
    const { rows } = await owner.query<{ app: boolean; anyone: boolean }>(
      `SELECT has_function_privilege($1, 'verity_link_pending_audit_entries(uuid[], uuid[])', 'EXECUTE') AS app,
              has_function_privilege($1, 'verity_link_committed_audit_entries(uuid[], uuid[])', 'EXECUTE') AS group,
              has_schema_privilege('public', current_schema(), 'CREATE') AS anyone`,
      [role],
    );
    expect(rows[0]).toEqual({ app: true, group: true, anyone: false });
    const { rows: publicCalls } = await owner.query<{ acl: string }>(
      `SELECT proacl::text AS acl FROM pg_proc
        WHERE proname IN ('verity_link_pending_audit_entries', 'verity_link_committed_audit_entries')`,
    );
    expect(publicCalls).toHaveLength(2);
    for (const { acl } of publicCalls) expect(acl).not.toMatch(/(^|[{,])=X/);
    // The application role sends a pending_id, a commit place and another transaction's id: all three are overridden.
    await app.query("BEGIN");
    try {
      const { rows: inserted } = await app.query<{
        pending_id: string;
        tx_id: string;
        commit_order: string | null;
        own: string;
      }>(
        `INSERT INTO audit_pending_entries (pending_id, tx_id, commit_order, id, org_id, occurred_at, category, action,
                                            actor_type, outcome, metadata, content_hash)
         VALUES (1, 1, 1, gen_random_uuid(), gen_random_uuid(), now(), 'custom', 'custom.x', 'system', 'success', '{}',
                 repeat('0', 64))
         RETURNING pending_id::text, tx_id::text, commit_order::text, txid_current()::text AS own`,
      );
      expect(inserted[0].pending_id).not.toBe("1");
      expect(inserted[0].tx_id).toBe(inserted[0].own);
      expect(inserted[0].commit_order).toBeNull();
    } finally {
      await app.query("ROLLBACK");
    }
  });

  it("archives through the owner's narrow function, and still cannot delete an entry itself", async () => {
    const user = await appDb.user.create({
      data: { email: `${role}-archive@example.test`, name: "Archivist", passwordHash: "x" },
    });
    const org = await appDb.$transaction((tx) =>
      createOrganization(tx, { name: "Archived", ownerId: user.id, actor: SYSTEM_ACTOR, context: null }),
    );
    await appendMany(appDb, org.id, 599);
    const root = await mkdtemp(path.join(tmpdir(), "verity-archive-role-"));
    try {
      const store = directoryStore(root);
      const segments = await archiveOrg(appDb, store, { orgId: org.id, olderThanDays: 0 });
      expect(segments.map(({ fromSeq, toSeq }) => [fromSeq, toSeq])).toEqual([[1, 512]]);
      // The purge at the end of retention records itself with the application's INSERT alone.
      const purge = await purgeArchive(appDb, store, { orgId: org.id, now: new Date("2200-01-01T00:00:00Z") });
      expect(purge.purged.map(({ fromSeq, toSeq }) => [fromSeq, toSeq])).toEqual([[1n, 512n]]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
    await expect(app.query("DELETE FROM audit_entries WHERE org_id = $1", [org.id])).rejects.toThrow(
      /permission denied/,
    );
    await expect(app.query("DELETE FROM audit_archive_segments")).rejects.toThrow(/permission denied/);
    await expect(app.query("DELETE FROM audit_archive_purges")).rejects.toThrow(/permission denied/);
    expect(await verifyChain({ db: appDb, orgId: org.id })).toMatchObject({ ok: true, archivedThrough: 512n });
  });

  it("cannot make the prune function delete entries no recorded segment covers, with a table of its own", async () => {
    const user = await appDb.user.create({
      data: { email: `${role}-shadow@example.test`, name: "Shadow", passwordHash: "x" },
    });
    const org = await appDb.$transaction((tx) =>
      createOrganization(tx, { name: "Shadowed", ownerId: user.id, actor: SYSTEM_ACTOR, context: null }),
    );
    await appendMany(appDb, org.id, 9);
    // A temporary table named like the segments table, claiming entries 1..10 are archived.
    await app.query("CREATE TEMP TABLE audit_archive_segments (org_id uuid, from_seq bigint, to_seq bigint)");
    try {
      await app.query("INSERT INTO audit_archive_segments VALUES ($1, 1, 10)", [org.id]);
      await expect(app.query("SELECT verity_prune_archived_segment($1, 1)", [org.id])).rejects.toThrow(
        /no archived segment/,
      );
    } finally {
      await app.query("DROP TABLE pg_temp.audit_archive_segments");
    }
    expect(await appDb.auditEntry.count({ where: { orgId: org.id } })).toBe(10);
  });

  it("refuses to limit an application role that owns tables, naming the fix", async () => {
    await owner.query(`CREATE TABLE ${role}_owned (id int)`);
    await owner.query(`ALTER TABLE ${role}_owned OWNER TO ${role}`);
    try {
      await expect(grantAppRole({ ownerUrl, appUrl })).rejects.toThrow(
        new RegExp(`${role} owns ${role}_owned.*REASSIGN OWNED BY "${role}"`),
      );
    } finally {
      await owner.query(`DROP TABLE ${role}_owned`);
    }
  });
});
