import { spawn } from "node:child_process";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sealBytes } from "@/lib/crypto/aes-gcm";
import { localKeyId } from "@/lib/crypto/local-key-provider";
import { platformDataKeyContext } from "@/lib/crypto/platform-data-keys";
import { connectDb } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrations/apply-migrations";
import { isPostgres, openFreshDatabase } from "@/lib/testing/database";
import { checkInstanceKeys, type InstanceKey } from "./instance-key-check";

const require = createRequire(import.meta.url);

const key = (name: InstanceKey["name"], bytes: Buffer, source: string): InstanceKey => ({
  name,
  variable: name === "encryption" ? "VERITY_ENCRYPTION_KEY" : "NEXTAUTH_SECRET",
  key: bytes,
  source,
  file: "",
});

async function onFreshDatabase(body: (db: ReturnType<typeof connectDb>, url: string) => Promise<void>) {
  const fresh = await openFreshDatabase();
  await applyMigrations(fresh.url);
  const db = connectDb(fresh.url);
  try {
    await body(db, fresh.url);
  } finally {
    await db.$disconnect();
    await fresh.stop();
  }
}

describe("several instances on one database", () => {
  it("the first instance records its keys; one with the same keys starts, one with another key is refused", async () => {
    await onFreshDatabase(async (db) => {
      const encryption = randomBytes(32);
      const auth = randomBytes(32);
      const first = [key("encryption", encryption, "VERITY_ENCRYPTION_KEY"), key("auth", auth, "NEXTAUTH_SECRET")];
      await checkInstanceKeys(db, first, "alpha (data folder /srv/a)");
      await expect(checkInstanceKeys(db, first, "beta (data folder /srv/b)")).resolves.toBeUndefined();

      const otherEncryption = randomBytes(32);
      const refusal = checkInstanceKeys(
        db,
        [key("encryption", otherEncryption, "generated file /srv/b/encryption-key"), first[1]],
        "beta (data folder /srv/b)",
      );
      await expect(refusal).rejects.toThrow(
        /VERITY_ENCRYPTION_KEY of this instance \(generated file \/srv\/b\/encryption-key\) does not match .* by alpha/,
      );
      const message = await refusal.catch((error: Error) => error.message);
      expect(message).not.toMatch(/NEXTAUTH_SECRET/);
      expect(message).toMatch(/Set VERITY_ENCRYPTION_KEY on this instance to that instance's value/);
      for (const secret of [encryption, otherEncryption, auth])
        expect(message).not.toContain(secret.toString("base64"));

      await expect(
        checkInstanceKeys(db, [first[0], key("auth", randomBytes(32), "generated file /srv/b/auth-secret")]),
      ).rejects.toThrow(/^(?!.*VERITY_ENCRYPTION_KEY)[\s\S]*Set NEXTAUTH_SECRET on this instance/);
    });
  });

  it("stores neither a key nor a plain hash of one", async () => {
    await onFreshDatabase(async (db) => {
      const encryption = randomBytes(32);
      await checkInstanceKeys(db, [key("encryption", encryption, "VERITY_ENCRYPTION_KEY")], "alpha");
      const rows = JSON.stringify(await db.$queryRaw`SELECT * FROM instance_key_checks`);
      expect(rows).not.toContain(encryption.toString("base64"));
      expect(rows).not.toContain(encryption.toString("base64url"));
      expect(rows).not.toContain(createHash("sha256").update(encryption).digest("hex"));
      expect(rows).not.toContain(createHash("sha256").update(encryption).digest("base64url"));
    });
  });

  it.runIf(isPostgres())(
    "a second `verity worker` process with another key refuses to start; with the same one it runs",
    async () => {
      await onFreshDatabase(async (_db, url) => {
        const keyA = randomBytes(32).toString("base64");
        const first = await runWorker(url, keyA, { stopWhenRunning: true });
        expect(first.output).toMatch(/Verity worker running/);
        const same = await runWorker(url, keyA, { stopWhenRunning: true });
        expect(same.output).toMatch(/Verity worker running/);
        const keyB = randomBytes(32).toString("base64");
        const other = await runWorker(url, keyB, { stopWhenRunning: true });
        expect(other.code).toBe(1);
        expect(other.output).toMatch(/VERITY_ENCRYPTION_KEY of this instance \(VERITY_ENCRYPTION_KEY\) does not match/);
        expect(other.output).not.toMatch(/Verity worker running/);
        expect(other.output).not.toContain(keyA);
        expect(other.output).not.toContain(keyB);
      });
    },
    120_000,
  );
});

/**
 * Two machines' data folders, one database and one VERITY_ENCRYPTION_KEY: `verity keys rotate` on the first adds a
 * key-encryption key to its folder only; the second, started without it, could not open any data key re-wrapped
 * under it, so it must refuse to start, naming the variable, the key's id and the first instance, never a key.
 */
describe("a key-encryption key added by `verity keys rotate`", () => {
  it.runIf(isPostgres())(
    "a later instance without it refuses to start; given the same ring, it runs",
    async () => {
      await onFreshDatabase(async (db, url) => {
        const base = randomBytes(32);
        const keyA = base.toString("base64");
        const folderA = mkdtempSync(join(tmpdir(), "verity-a-"));
        const folderB = mkdtempSync(join(tmpdir(), "verity-b-"));
        try {
          const first = await runWorker(url, keyA, { stopWhenRunning: true, env: { VERITY_DATA_DIR: folderA } });
          expect(first.output).toMatch(/Verity worker running/);
          // A data key in use (the platform's, as a first TOTP enrolment makes), wrapped under the base key.
          const id = randomUUID();
          const wrappedKey = sealBytes(base, randomBytes(32), platformDataKeyContext(id));
          await db.platformDataKey.create({ data: { id, kekId: localKeyId(base), wrappedKey } });

          const rotation = await runWorker(url, keyA, {
            stopWhenRunning: false,
            env: { VERITY_DATA_DIR: folderA },
            args: ["keys", "rotate"],
          });
          expect(rotation.code).toBe(0);
          expect(rotation.output).toMatch(/\(new\): 1 data key\(s\) re-wrapped/);
          const ringFolder = join(folderA, "key-encryption-keys");
          const [file] = readdirSync(ringFolder);
          const rotated = readFileSync(join(ringFolder, file!), "utf8").trim();
          const rotatedId = localKeyId(Buffer.from(rotated, "base64"));
          expect((await db.platformDataKey.findUniqueOrThrow({ where: { id } })).kekId).toBe(rotatedId);

          const second = await runWorker(url, keyA, { stopWhenRunning: true, env: { VERITY_DATA_DIR: folderB } });
          expect(second.code).toBe(1);
          expect(second.output).not.toMatch(/Verity worker running/);
          expect(second.output).toContain(`VERITY_KEY_ENCRYPTION_KEYS: key-encryption key ${rotatedId}`);
          expect(second.output).toContain("is not in this instance's key ring");
          expect(second.output).toContain(`added by ${hostname()} (data folder ${folderA})`);
          expect(second.output).toContain(join(folderB, "key-encryption-keys"));
          expect(second.output).not.toMatch(/VERITY_ENCRYPTION_KEY of this instance/);
          for (const secret of [keyA, rotated, base.toString("base64url")]) expect(second.output).not.toContain(secret);

          const sameRing = await runWorker(url, keyA, {
            stopWhenRunning: true,
            env: { VERITY_DATA_DIR: folderB, VERITY_KEY_ENCRYPTION_KEYS: `${rotated},${keyA}` },
          });
          expect(sameRing.output).toMatch(/Verity worker running/);
          const firstAgain = await runWorker(url, keyA, { stopWhenRunning: true, env: { VERITY_DATA_DIR: folderA } });
          expect(firstAgain.output).toMatch(/Verity worker running/);
        } finally {
          rmSync(folderA, { recursive: true, force: true });
          rmSync(folderB, { recursive: true, force: true });
        }
      });
    },
    180_000,
  );
});

function runWorker(
  url: string,
  encryptionKey: string,
  {
    stopWhenRunning,
    env = {},
    args = ["worker"],
  }: { stopWhenRunning: boolean; env?: Record<string, string>; args?: string[] },
) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    // main.ts itself, as verity.mjs runs it: killed outright once running, it leaves no process behind.
    const tsx = require.resolve("tsx");
    const main = join(process.cwd(), "lib", "cli", "main.ts");
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", tsx, main, ...args], {
      env: {
        ...process.env,
        DATABASE_URL: url,
        VERITY_ENCRYPTION_KEY: encryptionKey,
        NEXTAUTH_SECRET: "",
        VERITY_KEY_ENCRYPTION_KEYS: "",
        ...env,
      },
    });
    let output = "";
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (stopWhenRunning && /Verity worker running/.test(output)) child.kill("SIGKILL");
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.on("exit", (code) => resolve({ code, output }));
  });
}
