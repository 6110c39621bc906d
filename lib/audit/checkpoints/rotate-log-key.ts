import "server-only";
import { chmodSync, linkSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { dataDir } from "@/lib/db/data-dir";
import { logKeyFromEnvironment, logSigningKeyPath, publishLogKey } from "./log-keys";
import { logOrigin } from "./log-origin";
import { generateSignerKey, parseSignerKey } from "./note-keys";

export class LogKeyFromEnvironmentError extends Error {
  constructor() {
    super(
      "VERITY_LOG_SIGNING_KEY is set, so the log's key comes from your environment and Verity cannot replace it. " +
        "Run `verity log generate-key`, store the PRIVATE+KEY line it prints in your secret store as " +
        "VERITY_LOG_SIGNING_KEY, and restart Verity: the new key is published when it starts.",
    );
    this.name = "LogKeyFromEnvironmentError";
  }
}

/**
 * A new signing key for the log, in `<data dir>/log-signing-key`; the old file stays beside it as
 * `log-signing-key.retired-<time>` (mode 0600), and the new key is published, ending the old key's window.
 * Old checkpoints stay verifiable with the old keys, which stay published.
 */
export async function rotateLogKey(db: Db): Promise<{ verifierKey: string; retiredFile: string | null }> {
  if (logKeyFromEnvironment()) throw new LogKeyFromEnvironmentError();
  const path = logSigningKeyPath();
  mkdirSync(dataDir(), { recursive: true });
  const fresh = generateSignerKey(logOrigin());
  const staged = `${path}.${randomBytes(6).toString("hex")}.new`;
  writeFileSync(staged, fresh.signerKey, { mode: 0o600, flag: "wx" });
  const retiredFile = `${path}.retired-${new Date().toISOString().replaceAll(":", "-")}`;
  let retired: string | null = retiredFile;
  try {
    // A hard link keeps the old key and leaves log-signing-key in place, then one rename swaps in the new
    // key: no process ever finds the file missing and generates a key of its own.
    linkSync(path, retiredFile);
    chmodSync(retiredFile, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    retired = null;
  }
  renameSync(staged, path);
  await publishLogKey(db, parseSignerKey(fresh.signerKey));
  return { verifierKey: fresh.verifierKey, retiredFile: retired };
}
