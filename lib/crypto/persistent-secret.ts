import { randomBytes } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { dataDir } from "@/lib/db/data-dir";

/**
 * A secret kept in the data directory (.data/ or VERITY_DATA_DIR) when the environment does not provide one:
 * generated once (mode 0600), then reused. It is written whole to a file of its own first and then linked into
 * place, which fails if the name exists: two processes starting at once keep the first one's secret instead of
 * overwriting each other's, and no process ever reads a secret half written. `generate` runs only when the file is
 * missing: callers read the secret on every use (the log signer once per checkpoint), and generating a key is not
 * free. An empty file is an error, never a secret.
 */
export function persistentSecret(name: string, generate: () => string = () => randomBytes(32).toString("base64url")) {
  const path = join(dataDir(), name);
  const existing = readIfPresent(path);
  if (existing !== null) return nonEmpty(existing, path);
  mkdirSync(dataDir(), { recursive: true });
  const staged = `${path}.${process.pid}.${randomBytes(6).toString("hex")}.new`;
  writeFileSync(staged, generate(), { mode: 0o600, flag: "wx" });
  try {
    linkSync(staged, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    unlinkSync(staged);
  }
  return nonEmpty(readFileSync(path, "utf8").trim(), path);
}

function readIfPresent(path: string): string | null {
  try {
    return readFileSync(path, "utf8").trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

function nonEmpty(secret: string, path: string): string {
  if (secret === "") throw new Error(`${path} is empty: remove it, and a new secret is generated at the next start`);
  return secret;
}
