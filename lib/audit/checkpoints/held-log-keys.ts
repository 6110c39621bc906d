import "server-only";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { dataDir } from "@/lib/db/data-dir";
import { LOG_SIGNING_KEY_FILE, loadLogSigner, logKeyFromEnvironment, logSigningKeyPath } from "./log-keys";
import { parseSignerKey, parseVerifierKey } from "./note-keys";

/** Earlier keys' verifier keys (public), for an operator who keeps the signing key in VERITY_LOG_SIGNING_KEY. */
export const PREVIOUS_KEYS_VARIABLE = "VERITY_LOG_PREVIOUS_KEYS";

/** A key this process holds, as a verifier, and where it comes from (never the key itself). */
export type HeldLogKey = { verifierKey: string; source: string };

function signerFile(path: string, source: string): HeldLogKey {
  try {
    return { verifierKey: parseSignerKey(readFileSync(path, "utf8").trim()).verifierKey, source };
  } catch (error) {
    // parseSignerKey's errors never quote the key, so the cause is safe to keep.
    throw new Error(`${source} is not a signer key: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * The keys this process holds and so trusts to have signed checkpoints: the current one
 * (VERITY_LOG_SIGNING_KEY or `<data dir>/log-signing-key`), the data directory's key file when the
 * environment's key replaced it, the keys `verity log rotate-key` retired beside it
 * (`log-signing-key.retired-*`), and VERITY_LOG_PREVIOUS_KEYS (space- or comma-separated verifier keys).
 * Never the audit_log_keys table: whoever can write to the database could add a key of their own there.
 */
export function heldLogKeys(): HeldLogKey[] {
  const held: HeldLogKey[] = [
    {
      verifierKey: loadLogSigner().verifierKey,
      source: logKeyFromEnvironment() ? "VERITY_LOG_SIGNING_KEY" : logSigningKeyPath(),
    },
  ];
  if (logKeyFromEnvironment() && existsSync(logSigningKeyPath()))
    held.push(signerFile(logSigningKeyPath(), logSigningKeyPath()));
  const dir = dataDir();
  const retired = existsSync(dir)
    ? readdirSync(dir).filter((name) => name.startsWith(`${LOG_SIGNING_KEY_FILE}.retired-`))
    : [];
  for (const name of retired.sort()) held.push(signerFile(join(dir, name), join(dir, name)));
  for (const vkey of (process.env[PREVIOUS_KEYS_VARIABLE] ?? "").split(/[\s,]+/).filter(Boolean)) {
    try {
      parseVerifierKey(vkey);
      held.push({ verifierKey: vkey, source: PREVIOUS_KEYS_VARIABLE });
    } catch (error) {
      throw new Error(
        `${PREVIOUS_KEYS_VARIABLE} holds "${vkey}", which is not a verifier key: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }
  const seen = new Set<string>();
  return held.filter(({ verifierKey }) => !seen.has(verifierKey) && seen.add(verifierKey));
}
