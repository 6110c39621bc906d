import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { connectDb, type Db } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrations/apply-migrations";
import { openFreshDatabase } from "@/lib/testing/database";
import { heldLogKeys } from "./held-log-keys";
import { currentLogSigner, listPublishedLogKeys, loadLogSigner, publishCurrentLogKey, publishLogKey } from "./log-keys";
import { parseSignerKey } from "./note-keys";
import { LogKeyFromEnvironmentError, rotateLogKey } from "./rotate-log-key";
import { generateSignerKey, openNote, parseVerifierKey, signNote } from "./signed-note";

// audit_log_keys belongs to the instance, not to an org: these tests get a database of their own.
let db: Db;
let stop: () => Promise<void>;
beforeAll(async () => {
  const fresh = await openFreshDatabase();
  await applyMigrations(fresh.url);
  db = connectDb(fresh.url);
  stop = async () => {
    await db.$disconnect();
    await fresh.stop();
  };
});
afterAll(() => stop());

const saved = { ...process.env };
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "verity-log-keys-"));
  process.env.VERITY_DATA_DIR = dir;
  process.env.VERITY_LOG_ORIGIN = "log.example.com";
  delete process.env.VERITY_LOG_SIGNING_KEY;
});
afterEach(() => {
  process.env = { ...saved };
  rmSync(dir, { recursive: true, force: true });
});

describe("the log's signing key", () => {
  test("is generated once into the data directory (0600), named after the log origin, then reused", () => {
    const first = loadLogSigner();
    const file = join(dir, "log-signing-key");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, "utf8")).toMatch(/^PRIVATE\+KEY\+log\.example\.com\+[0-9a-f]{8}\+/);
    expect(first.name).toBe("log.example.com");
    expect(loadLogSigner().verifierKey).toBe(first.verifierKey);
    // The private key lives in a closure: neither a log line nor a JSON body can carry it.
    const seed = readFileSync(file, "utf8").split("+").slice(4).join("+");
    expect(Object.values(first).map((value) => typeof value)).toEqual(["string", "string", "string", "function"]);
    expect(`${JSON.stringify(first)} ${inspect(first, { showHidden: true, depth: 5 })}`).not.toContain(seed);
  });

  test("VERITY_LOG_SIGNING_KEY wins, and a bad one is refused without repeating it", () => {
    const { signerKey, verifierKey } = generateSignerKey("configured.example.com");
    process.env.VERITY_LOG_SIGNING_KEY = signerKey;
    expect(loadLogSigner().verifierKey).toBe(verifierKey);
    expect(readdirSync(dir)).toEqual([]);
    process.env.VERITY_LOG_SIGNING_KEY = `${signerKey.slice(0, -4)}AAAA`;
    expect(() => loadLogSigner()).toThrow(/^VERITY_LOG_SIGNING_KEY is not a signer key/);
    expect(() => loadLogSigner()).toThrow(expect.objectContaining({ message: expect.not.stringContaining("AAAA") }));
  });

  test("the current key is published before it signs, once, and signs notes its published vkey opens", async () => {
    const signer = await currentLogSigner(db);
    const before = await listPublishedLogKeys(db);
    expect(before.at(-1)).toMatchObject({ vkey: signer.verifierKey, keyId: signer.keyId, validUntil: null });
    await currentLogSigner(db);
    expect(await publishCurrentLogKey(db)).toMatchObject({ published: false });
    expect(await listPublishedLogKeys(db)).toHaveLength(before.length);
    const note = signNote("log.example.com/orgs/o\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n", [signer]);
    expect(openNote(note, [parseVerifierKey(before.at(-1)!.vkey)]).verifiedBy).toHaveLength(1);
  });

  test("rotation keeps the old key file and every old key published, with windows end to end", async () => {
    const old = await currentLogSigner(db);
    const oldFile = readFileSync(join(dir, "log-signing-key"), "utf8");
    const { verifierKey, retiredFile } = await rotateLogKey(db);
    expect(readFileSync(retiredFile!, "utf8")).toBe(oldFile);
    expect(statSync(retiredFile!).mode & 0o777).toBe(0o600);
    expect(retiredFile).toMatch(/log-signing-key\.retired-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z$/);
    expect((await currentLogSigner(db)).verifierKey).toBe(verifierKey);
    const keys = await listPublishedLogKeys(db);
    const [previous, current] = keys.slice(-2);
    expect([previous.vkey, current.vkey]).toEqual([old.verifierKey, verifierKey]);
    expect(previous.validUntil).toEqual(current.validFrom);
    expect(current.validUntil).toBeNull();
    for (const [a, b] of keys.slice(1).map((key, i) => [keys[i], key])) expect(a.validUntil).toEqual(b.validFrom);
  });

  test("changing VERITY_LOG_SIGNING_KEY is a rotation too; going back to an old key opens a new window", async () => {
    const a = generateSignerKey("log.example.com");
    const b = generateSignerKey("log.example.com");
    for (const key of [a, b, a]) {
      process.env.VERITY_LOG_SIGNING_KEY = key.signerKey;
      expect((await publishCurrentLogKey(db)).published).toBe(true);
    }
    expect((await listPublishedLogKeys(db)).slice(-3).map((key) => key.vkey)).toEqual(
      [a, b, a].map((key) => key.verifierKey),
    );
  });

  test("rotation refuses while the key comes from the environment, and changes nothing", async () => {
    process.env.VERITY_LOG_SIGNING_KEY = generateSignerKey("log.example.com").signerKey;
    const count = (await listPublishedLogKeys(db)).length;
    await expect(rotateLogKey(db)).rejects.toThrow(LogKeyFromEnvironmentError);
    await expect(rotateLogKey(db)).rejects.toThrow(/verity log generate-key/);
    expect(await listPublishedLogKeys(db)).toHaveLength(count);
    expect(readdirSync(dir)).toEqual([]);
  });

  test("a log-signing-key file that is not a key is named, not used", () => {
    writeFileSync(join(dir, "log-signing-key"), "not a key", { mode: 0o600 });
    expect(() => loadLogSigner()).toThrow(/log-signing-key is not a signer key: malformed signer key/);
  });
});

describe("the keys verification trusts: those this process holds, never the table's", () => {
  const vkeys = () => heldLogKeys().map((key) => key.verifierKey);

  test("the current key and every key rotation retired beside it, not a key only audit_log_keys lists", async () => {
    const first = loadLogSigner().verifierKey;
    await rotateLogKey(db);
    const second = loadLogSigner().verifierKey;
    await rotateLogKey(db);
    const third = loadLogSigner().verifierKey;
    const stranger = generateSignerKey("log.example.com");
    await publishLogKey(db, parseSignerKey(stranger.signerKey));
    expect((await listPublishedLogKeys(db)).map((key) => key.vkey)).toContain(stranger.verifierKey);
    expect(vkeys()).toEqual([third, first, second]);
  });

  test("VERITY_LOG_SIGNING_KEY, the data directory's key it replaced, and VERITY_LOG_PREVIOUS_KEYS", () => {
    const fileKey = loadLogSigner().verifierKey;
    const [current, older, oldest] = [0, 1, 2].map(() => generateSignerKey("log.example.com"));
    process.env.VERITY_LOG_SIGNING_KEY = current.signerKey;
    process.env.VERITY_LOG_PREVIOUS_KEYS = ` ${older.verifierKey},\n${oldest.verifierKey} ${older.verifierKey}`;
    expect(vkeys()).toEqual([current.verifierKey, fileKey, older.verifierKey, oldest.verifierKey]);
    expect(heldLogKeys()[0].source).toBe("VERITY_LOG_SIGNING_KEY");
    process.env.VERITY_LOG_PREVIOUS_KEYS = "log.example.com+00000000+AAAA";
    expect(() => heldLogKeys()).toThrow(
      /^VERITY_LOG_PREVIOUS_KEYS holds "log\.example\.com\+00000000\+AAAA", which is not/,
    );
  });

  test("a retired key file that is not a key is named, and its content is not repeated", () => {
    loadLogSigner();
    writeFileSync(join(dir, "log-signing-key.retired-2026-01-01T00-00-00.000Z"), "PRIVATE+KEY+secretish", {
      mode: 0o600,
    });
    expect(() => heldLogKeys()).toThrow(/log-signing-key\.retired-2026-01-01T00-00-00\.000Z is not a signer key/);
    try {
      heldLogKeys();
    } catch (error) {
      expect(String(error)).not.toContain("secretish");
    }
  });
});

describe("audit_log_keys is append-only at the database", () => {
  test("UPDATE, DELETE and TRUNCATE are refused", async () => {
    await currentLogSigner(db);
    await expect(db.$executeRawUnsafe(`UPDATE audit_log_keys SET name = 'forged'`)).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe(`DELETE FROM audit_log_keys`)).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe(`TRUNCATE audit_log_keys`)).rejects.toThrow(/append-only/);
    expect((await listPublishedLogKeys(db)).length).toBeGreaterThan(0);
  });
});
