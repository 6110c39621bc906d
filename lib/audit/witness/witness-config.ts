import { z } from "zod";
import { parseCosignerVerifierKey } from "../checkpoints/cosignature";
import type { NoteVerifier } from "../checkpoints/note-keys";

/**
 * The witnesses that cosign the log's checkpoints (C2SP tlog-witness), from VERITY_WITNESSES: one witness per
 * entry, entries separated by commas or newlines, each `<submission prefix URL> <witness vkey>` (one space or
 * more between them). The URL is where `add-checkpoint` is posted under; the vkey is the witness's
 * tlog-cosignature key (`<name>+<key id>+<base64(0x04 ‖ public key)>`), the only key whose cosignatures are
 * stored. Unset or empty: no witness.
 */
export type Witness = {
  /** The witness's key name, as in its vkey and its signature lines. */
  name: string;
  keyId: string;
  vkey: string;
  /** The submission prefix, without a trailing slash. */
  url: string;
  verifier: NoteVerifier;
};

export class WitnessConfigError extends Error {
  constructor(message: string) {
    super(`VERITY_WITNESSES: ${message}`);
    this.name = "WitnessConfigError";
  }
}

const ZWitnessUrl = z
  .url({ protocol: /^https?$/, error: "is not an http(s) URL" })
  .refine((url) => !url.includes("?") && !url.includes("#"), "has a query or a fragment")
  // The URL is written in the worker's log lines: it must not carry a password.
  .refine((url) => {
    const parsed = URL.canParse(url) ? new URL(url) : null; // not a URL at all: the check above says so
    return parsed === null || (parsed.username === "" && parsed.password === "");
  }, "has a user name or password");

const ZWitnessEntry = z.tuple([ZWitnessUrl, z.string()], { error: "is not `<URL> <witness vkey>`" });

function parseEntry(entry: string, number: number): Witness {
  const parsed = ZWitnessEntry.safeParse(entry.split(/\s+/));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const what = issue.path.length === 0 ? issue.message : `its URL ${issue.message}`;
    // Not the entry itself: a URL refused for carrying a password would print it.
    throw new WitnessConfigError(`witness ${number} ${what}`);
  }
  const [url, vkey] = parsed.data;
  let verifier: NoteVerifier;
  try {
    verifier = parseCosignerVerifierKey(vkey);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new WitnessConfigError(`witness ${number} (${url}) has no tlog-cosignature vkey: ${why}`);
  }
  return { name: verifier.name, keyId: verifier.keyId, vkey, url: url.replace(/\/+$/, ""), verifier };
}

/** The configured witnesses; throws WitnessConfigError naming the first thing wrong. */
export function configuredWitnesses(env: Record<string, string | undefined> = process.env): Witness[] {
  const entries = (env.VERITY_WITNESSES ?? "")
    .split(/[,\n]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  const witnesses = entries.map((entry, index) => parseEntry(entry, index + 1));
  const seen = new Set<string>();
  for (const witness of witnesses) {
    // One key is one witness: its cosignatures are stored and tracked under its name and key id.
    const id = `${witness.name}+${witness.keyId}`;
    if (seen.has(id)) throw new WitnessConfigError(`the witness key ${id} is given twice`);
    seen.add(id);
  }
  return witnesses;
}

let cached: { text: string; witnesses: Witness[] } | undefined;

/** configuredWitnesses() of process.env, parsed again only when the variable changes. */
export function witnessesFromEnvironment(): Witness[] {
  const text = process.env.VERITY_WITNESSES ?? "";
  if (cached?.text !== text) cached = { text, witnesses: configuredWitnesses({ VERITY_WITNESSES: text }) };
  return cached.witnesses;
}
