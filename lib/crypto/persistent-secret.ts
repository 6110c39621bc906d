import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { dataDir } from "@/lib/db/data-dir";

/**
 * A secret kept in the data directory (.data/ or VERITY_DATA_DIR) when the environment does not provide one:
 * generated once (mode 0600), then reused. Created with O_EXCL, so two processes starting at once keep the
 * first one's secret instead of overwriting each other's. `generate` runs only when the file is missing: callers
 * read the secret on every use (the log signer once per checkpoint), and generating a key is not free.
 */
export function persistentSecret(name: string, generate: () => string = () => randomBytes(32).toString("base64url")) {
  const path = join(dataDir(), name);
  const existing = readIfPresent(path);
  if (existing) return existing;
  mkdirSync(dataDir(), { recursive: true });
  try {
    writeFileSync(path, generate(), { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return readFileSync(path, "utf8").trim();
}

function readIfPresent(path: string): string | null {
  try {
    return readFileSync(path, "utf8").trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}
