import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as listSecrets } from "@/app/api/v1/secrets/route";
import { DELETE as deleteSecret, GET as getSecret, PUT as putSecret } from "@/app/api/v1/secrets/[name]/route";
import type { Db } from "@/lib/db/client";
import { roleHasPermission } from "@/lib/rbac/permissions";
import { createSecret } from "@/lib/secrets/create-secret";
import { revealSecret } from "@/lib/secrets/reveal-secret";
import { shareSecret } from "@/lib/secrets/share-secret";
import { callApi, createTestKey } from "@/lib/testing/api";
import { testDb } from "@/lib/testing/database";
import { createOwner, orgContextFor } from "@/lib/testing/factories";
import { steppedUp } from "@/lib/testing/step-up";

let db: Db;
/** Every line anything in this process logged while the file ran: no secret value may be among them. */
const logged: string[] = [];
beforeAll(() => {
  db = testDb();
  for (const method of ["log", "info", "warn", "error", "debug"] as const) {
    const original = console[method].bind(console);
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      logged.push(args.map((arg) => (arg instanceof Error ? `${arg.message} ${arg.stack}` : String(arg))).join(" "));
      original(...args);
    });
  }
});
afterAll(() => vi.restoreAllMocks());

/** Every value a test here created, for the final scan of the database and the log. */
const created: string[] = [];
/** A file's bytes, scanned for as text, base64 and hex like a value. */
const files: Buffer[] = [];
const secretFile = (bytes: Buffer) => files.push(bytes);
const secretValue = () => {
  const value = `sv-${randomUUID()}`;
  created.push(value);
  return value;
};

async function team() {
  const owner = await createOwner();
  const member = await createOwner();
  await db.membership.create({ data: { orgId: owner.org.id, userId: member.user.id, role: "MEMBER" } });
  const ownerKey = (await createTestKey(db, owner, owner.org, { scopes: ["secrets.read", "secrets.manage"] })).key;
  return { owner, member, ownerKey };
}

const newReaderAlerts = (orgId: string) =>
  db.securityAlert.findMany({ where: { orgId, kind: "secret_revealed_by_new" } });

/**
 * Runs `body` while no secret.accessed entry of the organization can be committed, whichever way it goes into the
 * trail (linked at once, or pending until its transaction commits): refused at the commit, after everything else
 * the read wrote (its reader row), as an audit store failing there would.
 */
async function withSecretReadsUnrecordable(orgId: string, body: () => Promise<void>) {
  const refuse = `refuse_secret_reads_${orgId.replaceAll("-", "")}`;
  await db.$executeRawUnsafe(`
    CREATE FUNCTION ${refuse}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.org_id = '${orgId}'::uuid AND NEW.action = 'secret.accessed' THEN RAISE EXCEPTION 'audit store refused'; END IF;
      RETURN NEW;
    END $$`);
  const tables = ["audit_entries", "audit_pending_entries"];
  for (const table of tables)
    await db.$executeRawUnsafe(
      `CREATE CONSTRAINT TRIGGER ${refuse} AFTER INSERT ON ${table} DEFERRABLE INITIALLY DEFERRED
       FOR EACH ROW EXECUTE FUNCTION ${refuse}()`,
    );
  try {
    await body();
  } finally {
    for (const table of tables) await db.$executeRawUnsafe(`DROP TRIGGER ${refuse} ON ${table}`);
    await db.$executeRawUnsafe(`DROP FUNCTION ${refuse}()`);
  }
}

describe("/api/v1/secrets", () => {
  it("takes a value of exactly 64 KB, however JSON spells it, and refuses one byte more with a 400 naming the limit", async () => {
    const { ownerKey } = await team();
    const put = (name: string, body: unknown) =>
      callApi(putSecret, `/secrets/${name}`, { key: ownerKey, method: "PUT", params: { name }, body });
    const read = async (name: string) =>
      (await callApi(getSecret, `/secrets/${name}`, { key: ownerKey, params: { name } })).body.value;
    const prefix = secretValue();
    const full = prefix + "x".repeat(64 * 1024 - prefix.length);
    expect((await put("FULL", { value: full, description: "d".repeat(500) })).status).toBe(200);
    expect(await read("FULL")).toBe(full);
    // Control characters: JSON spells each as six bytes ("\u0001"), a body of about 384 KB for a 64 KB value.
    const escaped = prefix + "\u0001".repeat(64 * 1024 - prefix.length);
    created.push(escaped);
    expect((await put("ESCAPED", { value: escaped })).status).toBe(200);
    expect(await read("ESCAPED")).toBe(escaped);

    const over = await put("OVER", { value: full + "x" });
    expect(over.status).toBe(400);
    expect(over.text).toContain("At most 64 KB");
    expect(over.text).not.toContain(prefix);
    const huge = await put("HUGE", { value: "x".repeat(500 * 1024) });
    expect(huge.status).toBe(413);
    expect(huge.text).toMatch(/larger than 400 KB/);
  });

  it("puts and gets a file as base64 JSON, byte for byte, up to 64 KB; one byte more is a 400 naming the limit", async () => {
    const { ownerKey } = await team();
    const put = (name: string, body: unknown) =>
      callApi(putSecret, `/secrets/${name}`, { key: ownerKey, method: "PUT", params: { name }, body });
    const bytes = Buffer.alloc(64 * 1024, 0xfe);
    secretFile(bytes);
    const file = { name: "tls.key", contentType: "application/x-pem-file", contentBase64: bytes.toString("base64") };
    const stored = await put("TLS_KEY", { file, description: "edge" });
    expect(stored.status).toBe(200);
    expect(stored.body.versions[0].file).toEqual({
      name: "tls.key",
      contentType: "application/x-pem-file",
      size: 65536,
    });
    expect(stored.text).not.toContain(file.contentBase64);
    const read = await callApi(getSecret, "/secrets/TLS_KEY", { key: ownerKey, params: { name: "TLS_KEY" } });
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ name: "TLS_KEY", version: 1, file: { ...file, size: 65536 } });
    // A string version after a file: each version is what it was put as.
    const text = secretValue();
    expect((await put("TLS_KEY", { value: text })).body.currentVersion).toBe(2);
    expect((await callApi(getSecret, "/secrets/TLS_KEY", { key: ownerKey, params: { name: "TLS_KEY" } })).body).toEqual(
      {
        name: "TLS_KEY",
        version: 2,
        value: text,
      },
    );

    const over = await put("OVER", {
      file: { ...file, contentBase64: Buffer.alloc(64 * 1024 + 1).toString("base64") },
    });
    expect(over.status).toBe(400);
    expect(over.text).toContain("The file is larger than 64 KB (65,536 bytes).");
    const both = await put("BOTH", { value: "x", file });
    expect(both.status).toBe(400);
    expect(both.text).toContain("Give a value or a file");
    const huge = await put("HUGE", { file: { ...file, contentBase64: Buffer.alloc(320 * 1024).toString("base64") } });
    expect(huge.status).toBe(413);
    expect(await db.secret.count({ where: { name: { in: ["OVER", "BOTH", "HUGE"] } } })).toBe(0);
  });

  it("reads, writes and deletes secrets with an owner's key, every read on the record with the key as actor", async () => {
    const { owner, ownerKey } = await team();
    const [first, second] = [secretValue(), secretValue()];
    const put = await callApi(putSecret, "/secrets/DB_PASSWORD", {
      key: ownerKey,
      method: "PUT",
      params: { name: "DB_PASSWORD" },
      body: { value: first, description: "primary" },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ name: "DB_PASSWORD", currentVersion: 1, description: "primary" });
    expect(put.text).not.toContain(first);
    const again = await callApi(putSecret, "/secrets/DB_PASSWORD", {
      key: ownerKey,
      method: "PUT",
      params: { name: "DB_PASSWORD" },
      body: { value: second },
    });
    expect(again.body.currentVersion).toBe(2);

    const listed = await callApi(listSecrets, "/secrets", { key: ownerKey });
    expect(listed.body.data.map((secret: { name: string }) => secret.name)).toEqual(["DB_PASSWORD"]);
    expect(listed.text).not.toContain(second);
    const read = await callApi(getSecret, "/secrets/DB_PASSWORD", { key: ownerKey, params: { name: "DB_PASSWORD" } });
    expect(read.body).toEqual({ name: "DB_PASSWORD", version: 2, value: second });
    const old = await callApi(getSecret, "/secrets/DB_PASSWORD", {
      key: ownerKey,
      params: { name: "DB_PASSWORD" },
      query: "?version=1",
    });
    expect(old.body.value).toBe(first);
    const accessed = await db.auditEntry.findMany({ where: { orgId: owner.org.id, action: "secret.accessed" } });
    expect(accessed).toHaveLength(2);
    expect(accessed.every((entry) => entry.actorType === "api_key" && entry.category === "credentials")).toBe(true);
    const [seen] = (await callApi(listSecrets, "/secrets", { key: ownerKey })).body.data;
    expect(seen.lastRevealedBy).toBe(accessed[0]!.actorDisplay);
    expect(seen.lastRevealedBy).toContain(`on behalf of ${owner.user.email}`);

    const removed = await callApi(deleteSecret, "/secrets/DB_PASSWORD", {
      key: ownerKey,
      method: "DELETE",
      params: { name: "DB_PASSWORD" },
    });
    expect(removed.status).toBe(200);
    expect(removed.body.deletedAt).not.toBeNull();
    const gone = await callApi(getSecret, "/secrets/DB_PASSWORD", { key: ownerKey, params: { name: "DB_PASSWORD" } });
    expect(gone.status).toBe(404);
  });

  it("lets only an owner give a key secrets.read", async () => {
    expect(
      (["OWNER", "ADMIN", "MEMBER", "AUDITOR"] as const).map((role) => roleHasPermission(role, "secrets.read")),
    ).toEqual([true, false, false, false]);
    const { owner, member } = await team();
    const admin = await createOwner();
    await db.membership.create({ data: { orgId: owner.org.id, userId: admin.user.id, role: "ADMIN" } });
    await expect(createTestKey(db, admin, owner.org, { scopes: ["secrets.read"] }, "ADMIN")).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(createTestKey(db, member, owner.org, { scopes: ["secrets.read"] }, "MEMBER")).rejects.toMatchObject({
      code: "forbidden",
    });
    // A key with only secrets.manage writes but does not read.
    const writer = (await createTestKey(db, owner, owner.org, { scopes: ["secrets.manage"] })).key;
    const put = await callApi(putSecret, "/secrets/w", {
      key: writer,
      method: "PUT",
      params: { name: "w" },
      body: { value: secretValue() },
    });
    expect(put.status).toBe(200);
    expect((await callApi(getSecret, "/secrets/w", { key: writer, params: { name: "w" } })).status).toBe(403);
  });

  it("answers another organization's secret with 404, and bad input with 400", async () => {
    const { owner } = await team();
    const other = await team();
    await db.$transaction((tx) =>
      createSecret(tx, orgContextFor(owner, owner.org), { name: "theirs", value: secretValue() }),
    );
    const probe = await callApi(getSecret, "/secrets/theirs", { key: other.ownerKey, params: { name: "theirs" } });
    expect(probe.status).toBe(404);
    const bad = await callApi(putSecret, "/secrets/bad%20name", {
      key: other.ownerKey,
      method: "PUT",
      params: { name: "bad name" },
      body: { value: "x" },
    });
    expect(bad.status).toBe(400);
    const empty = await callApi(putSecret, "/secrets/ok", {
      key: other.ownerKey,
      method: "PUT",
      params: { name: "ok" },
      body: { value: "" },
    });
    expect(empty.status).toBe(400);
    const extra = await callApi(putSecret, "/secrets/ok", {
      key: other.ownerKey,
      method: "PUT",
      params: { name: "ok" },
      body: { value: "x", owner: "me" },
    });
    expect(extra.status).toBe(400);
    expect(bad.headers.get("content-type")).toBe("application/problem+json");
  });

  it("answers an error, never the value, when the read's audit entry cannot be written, first read or repeat", async () => {
    const { owner, ownerKey } = await team();
    const value = secretValue();
    const put = { key: ownerKey, method: "PUT", params: { name: "API_TOKEN" }, body: { value } };
    expect((await callApi(putSecret, "/secrets/API_TOKEN", put)).status).toBe(200);
    // The owner's key wrote the value (a reader already); this one has never read it.
    const newKey = (await createTestKey(db, owner, owner.org, { scopes: ["secrets.read"] })).key;
    const read = (key: string) => callApi(getSecret, "/secrets/API_TOKEN", { key, params: { name: "API_TOKEN" } });

    await withSecretReadsUnrecordable(owner.org.id, async () => {
      for (const key of [newKey, ownerKey]) {
        const refused = await read(key);
        expect(refused.status).toBe(500);
        expect(refused.text).not.toContain(value);
      }
    });
    expect(await db.auditEntry.count({ where: { orgId: owner.org.id, action: "secret.accessed" } })).toBe(0);
    expect(await newReaderAlerts(owner.org.id)).toEqual([]);

    // The failed first read left no trace of a reader: the next one is still the first, and alerts.
    expect((await read(newKey)).body.value).toBe(value);
    expect((await read(ownerKey)).body.value).toBe(value);
    expect((await newReaderAlerts(owner.org.id)).map((alert) => alert.count)).toEqual([1]);
    expect(await db.auditEntry.count({ where: { orgId: owner.org.id, action: "secret.accessed" } })).toBe(2);
  });

  it("alerts once on a key's first read, concurrent first reads included, and never on its repeats", async () => {
    const { owner, ownerKey } = await team();
    const value = secretValue();
    const put = { key: ownerKey, method: "PUT", params: { name: "SIGNING_KEY" }, body: { value } };
    expect((await callApi(putSecret, "/secrets/SIGNING_KEY", put)).status).toBe(200);
    const reader = await createTestKey(db, owner, owner.org, { scopes: ["secrets.read"] });
    const read = (key: string) => callApi(getSecret, "/secrets/SIGNING_KEY", { key, params: { name: "SIGNING_KEY" } });

    const first = await Promise.all(Array.from({ length: 4 }, () => read(reader.key)));
    expect(first.map((answer) => answer.body.value)).toEqual(Array(4).fill(value));
    for (let repeat = 0; repeat < 3; repeat++) expect((await read(reader.key)).body.value).toBe(value);
    expect((await read(ownerKey)).body.value).toBe(value); // the writer is nobody new

    const [alert, ...others] = await newReaderAlerts(owner.org.id);
    expect(others).toEqual([]);
    expect(alert).toMatchObject({ count: 1, subjectType: "secret", subjectDisplay: "SIGNING_KEY" });
    const alerted = await db.auditEntry.findMany({ where: { orgId: owner.org.id, action: "security.alert" } });
    expect(alerted).toHaveLength(1);
    expect(alerted[0]).toMatchObject({ actorType: "api_key", actorId: reader.apiKey.id });
    const accessed = await db.auditEntry.findMany({ where: { orgId: owner.org.id, action: "secret.accessed" } });
    expect(accessed).toHaveLength(8);
    expect(accessed.map((entry) => entry.metadata)).toEqual(Array(8).fill({ name: "SIGNING_KEY", version: 1 }));
  });

  it("leaves no value in any table of the database nor in the log", async () => {
    const { owner, member } = await team();
    const ownerCtx = await steppedUp(db, orgContextFor(owner, owner.org));
    const value = secretValue();
    const secret = await db.$transaction((tx) => createSecret(tx, ownerCtx, { name: "scan-me", value }));
    // A file too: its bytes (and their base64 and hex) must be nowhere but in its ciphertext.
    const fileBytes = Buffer.from(`file-bytes-${randomUUID()}-${"\u00e9".repeat(8)}`);
    secretFile(fileBytes);
    const file = { name: "scan.pem", contentBase64: fileBytes.toString("base64") };
    const withFile = await db.$transaction((tx) => createSecret(tx, ownerCtx, { name: "scan-file", file }));
    const opened = await db.$transaction((tx) => revealSecret(tx, ownerCtx, { secretId: withFile.id }));
    expect(Buffer.from(opened.file!.contentBase64, "base64").equals(fileBytes)).toBe(true);
    await db.$transaction((tx) =>
      shareSecret(tx, ownerCtx, { secretId: secret.id, with: { kind: "user", userId: member.user.id } }),
    );
    const memberCtx = await steppedUp(db, orgContextFor(member, owner.org, "MEMBER"));
    expect((await db.$transaction((tx) => revealSecret(tx, memberCtx, { secretId: secret.id }))).value).toBe(value);

    const tables = await db.$queryRaw<{ name: string }[]>`
      SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`;
    expect(tables.map((table) => table.name)).toEqual(expect.arrayContaining(["secret_versions", "org_data_keys"]));
    const needles = [...created.map((plain) => Buffer.from(plain)), ...files].flatMap((bytes) => [
      bytes.toString("utf8"),
      bytes.toString("base64"),
      bytes.toString("hex"),
    ]);
    let dump = "";
    for (const { name } of tables) {
      const rows = await db.$queryRawUnsafe<{ row: string }[]>(`SELECT t::text AS row FROM "${name}" t`);
      const text = rows.map((row) => row.row).join("\n");
      for (const needle of needles) expect(text.includes(needle), `${name} holds a secret value`).toBe(false);
      dump += text;
    }
    // The scan sees what is stored: the secret's name (metadata, in clear) and its sealed value are there.
    expect(dump).toContain("scan-me");
    expect(dump).toMatch(/v1:[A-Za-z0-9_-]{40,}/);
    const log = logged.join("\n");
    for (const needle of needles) expect(log.includes(needle), "the log holds a secret value").toBe(false);
  });
});
