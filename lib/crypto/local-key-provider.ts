import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { dataDir } from "@/lib/db/data-dir";
import { openBytes, sealBytes } from "./aes-gcm";
import type { KeyProvider, WrappedKey } from "./key-provider";
import { encryptionKey, keyFile } from "./secret-box";

const RING_ENV = "VERITY_KEY_ENCRYPTION_KEYS";
const RING_DIR = "key-encryption-keys";

/** A KEK's id: derived from the key (never revealing it), so every instance holding the key names it alike. */
export function localKeyId(key: Buffer): string {
  return `local:${createHash("sha256").update("verity key-encryption key id\0").update(key).digest("hex").slice(0, 16)}`;
}

function decodeKey(text: string, where: string): Buffer {
  const key = Buffer.from(text.trim(), "base64");
  if (key.length !== 32) throw new Error(`${where}: a key-encryption key must be 32 bytes, base64-encoded`);
  return key;
}

/**
 * The ring, newest first: VERITY_KEY_ENCRYPTION_KEYS (comma-separated, the first current) when set, else the keys
 * `verity keys rotate` generated into .data/key-encryption-keys/ (named by time, the newest current); the
 * instance's encryption key (VERITY_ENCRYPTION_KEY or .data/encryption-key) is always in it, last. Each key with
 * where it came from (a variable or a file: named in the instance key check, never the key).
 */
function readSourcedRing(): { key: Buffer; source: string }[] {
  const configured = process.env[RING_ENV];
  const dir = join(dataDir(), RING_DIR);
  const added = configured
    ? configured
        .split(",")
        .filter((part) => part.trim() !== "")
        .map((part) => ({ key: decodeKey(part, RING_ENV), source: RING_ENV }))
    : existsSync(dir)
      ? readdirSync(dir)
          .filter((file) => file.endsWith(".key"))
          .sort()
          .reverse()
          .map((file) => ({
            key: decodeKey(readFileSync(join(dir, file), "utf8"), join(dir, file)),
            source: `generated file ${join(dir, file)}`,
          }))
      : [];
  const base = encryptionKey();
  const baseSource = process.env.VERITY_ENCRYPTION_KEY ? "VERITY_ENCRYPTION_KEY" : `generated file ${keyFile()}`;
  return [...added.filter(({ key }) => !key.equals(base)), { key: base, source: baseSource }];
}

const readRing = () => readSourcedRing().map(({ key }) => key);

/** This instance's local key-encryption keys by id, with where each came from (never the key itself). */
export function localKeySources(): { kekId: string; source: string }[] {
  return readSourcedRing().map(({ key, source }) => ({ kekId: localKeyId(key), source }));
}

/** Where the local ring is configured: named in the refusal of an instance missing one of its keys. */
export const LOCAL_RING = { variable: RING_ENV, folder: () => join(dataDir(), RING_DIR) };

export function localKeyProvider(): KeyProvider {
  let ring = readRing();
  const byId = () => new Map(ring.map((key) => [localKeyId(key), key]));
  let ids = byId();
  const current = () => ring[0]!;
  return {
    name: "local",
    currentKeyId: async () => localKeyId(current()),
    keyIds: async () => [...ids.keys()],
    wrap: async (dataKey, context) => ({
      kekId: localKeyId(current()),
      wrapped: sealBytes(current(), dataKey, context),
    }),
    unwrap: async ({ kekId, wrapped }: WrappedKey, context) => {
      const kek = ids.get(kekId);
      if (!kek) throw new Error(`key-encryption key ${kekId} is not in this instance's key ring (${RING_ENV})`);
      return openBytes(kek, wrapped, context);
    },
    introduceKey: async () => {
      if (process.env[RING_ENV]) {
        throw new Error(
          `${RING_ENV} is set: put a new key (openssl rand -base64 32) first in it, keep the old ones after it, ` +
            "restart every instance, then run the rotation again to re-wrap the data keys under it",
        );
      }
      const dir = join(dataDir(), RING_DIR);
      mkdirSync(dir, { recursive: true });
      const stamp = new Date().toISOString().replace(/[-:.]/g, "");
      writeFileSync(join(dir, `${stamp}.key`), randomBytes(32).toString("base64"), { mode: 0o600, flag: "wx" });
      ring = readRing();
      ids = byId();
      return localKeyId(current());
    },
  };
}
