import { decodeBase64Strict, isValidKeyName } from "./note-encoding";
import type { NoteSigner, NoteVerifier } from "./note-keys";

/**
 * C2SP signed-note (c2sp.org/signed-note): a text ending in a newline, a blank line, then one or more lines
 * "— <key name> base64(4-byte key id ‖ signature)". Same rules as golang.org/x/mod/sumdb/note: signatures by
 * unknown keys are kept aside unverified, a known key's bad signature rejects the whole note, and a note with
 * no verified signature is rejected.
 */
export {
  formatSignerKey,
  formatVerifierKey,
  generateSignerKey,
  parseSignerKey,
  parseVerifierKey,
  ed25519NoteSigner,
  NoteKeyError,
  type NoteSigner,
  type NoteVerifier,
  type Ed25519NoteSigner,
} from "./note-keys";
export { noteKeyId } from "./note-encoding";

/** One signature line: who signed (name, key id) and the signature bytes after the key id. */
export type NoteSignature = { name: string; keyId: string; signature: Buffer };
export type OpenedNote = { text: string; verifiedBy: NoteSignature[]; unverified: NoteSignature[] };

export type SignedNoteProblem = "malformed" | "unverified" | "invalid-signature" | "ambiguous-key";

export class SignedNoteError extends Error {
  constructor(
    readonly problem: SignedNoteProblem,
    message: string,
    /** For "unverified": the signatures by keys the caller does not know. */
    readonly unverified: NoteSignature[] = [],
  ) {
    super(message);
    this.name = "SignedNoteError";
  }
}

/** More signature lines than this make the note malformed (the spec asks for at least 16; Go allows 100). */
export const MAX_NOTE_SIGNATURES = 100;
const DASH = "— ";
const malformed = (why: string) => new SignedNoteError("malformed", `malformed note: ${why}`);

/** Valid Unicode with no control character but the newline (the spec's rule for the whole note). */
function checkCharacters(text: string): void {
  if (!text.isWellFormed()) throw malformed("it is not valid UTF-8");
  if (/[\u0000-\u0009\u000b-\u001f]/.test(text)) throw malformed("it contains a control character other than newline");
}

/** The text, a blank line, and one signature line per signer, in the order given. */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  checkCharacters(text);
  if (!text.endsWith("\n")) throw malformed("the text does not end in a newline");
  if (signers.length === 0) throw new SignedNoteError("malformed", "a signed note needs at least one signer");
  const message = Buffer.from(text, "utf8");
  const lines = signers.map((signer) => {
    if (!isValidKeyName(signer.name)) throw malformed(`the signer's name is empty or has spaces or "+"`);
    if (!/^[0-9a-f]{8}$/.test(signer.keyId)) throw malformed(`the signer's key id is not 8 lowercase hex digits`);
    const signature = Buffer.concat([Buffer.from(signer.keyId, "hex"), signer.sign(message)]);
    return `${DASH}${signer.name} ${signature.toString("base64")}\n`;
  });
  return `${text}\n${lines.join("")}`;
}

function asText(note: string | Uint8Array): string {
  if (typeof note === "string") return note;
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(note);
  } catch {
    throw malformed("it is not valid UTF-8");
  }
}

/** Splits a note at its last blank line into the text and its signature lines, parsing each line. */
export function parseNote(note: string | Uint8Array): { text: string; signatures: NoteSignature[] } {
  const whole = asText(note);
  checkCharacters(whole);
  if (!whole.endsWith("\n")) throw malformed("the last signature line does not end in a newline");
  const split = whole.lastIndexOf("\n\n");
  if (split < 0) throw malformed("no blank line separates the text from the signatures");
  const text = whole.slice(0, split + 1);
  const block = whole.slice(split + 2);
  if (block === "") throw malformed("no signature lines after the blank line");
  const lines = block.slice(0, -1).split("\n");
  if (lines.length > MAX_NOTE_SIGNATURES) throw malformed(`more than ${MAX_NOTE_SIGNATURES} signatures`);
  return { text, signatures: lines.map((line, index) => parseSignatureLine(line, index + 1)) };
}

function parseSignatureLine(line: string, number: number): NoteSignature {
  if (!line.startsWith(DASH)) throw malformed(`signature line ${number} does not start with "— "`);
  const space = line.indexOf(" ", DASH.length);
  const name = space < 0 ? "" : line.slice(DASH.length, space);
  if (!isValidKeyName(name)) throw malformed(`signature line ${number} has no valid key name`);
  const bytes = decodeBase64Strict(line.slice(space + 1));
  if (!bytes) throw malformed(`signature line ${number} (${name}) is not valid base64`);
  if (bytes.length < 5) throw malformed(`signature line ${number} (${name}) is too short`);
  return { name, keyId: bytes.subarray(0, 4).toString("hex"), signature: bytes.subarray(4) };
}

/**
 * Opens a signed note: verifies every signature by a known key, keeps the others as unverified, and throws
 * SignedNoteError unless at least one known key signed it and no known key's signature fails.
 */
export function openNote(note: string | Uint8Array, verifiers: readonly NoteVerifier[]): OpenedNote {
  const { text, signatures } = parseNote(note);
  const message = Buffer.from(text, "utf8");
  const verifiedBy: NoteSignature[] = [];
  const unverified: NoteSignature[] = [];
  const seen = new Set<string>();
  for (const signature of signatures) {
    const id = `${signature.name}+${signature.keyId}`;
    const known = verifiers.filter((v) => v.name === signature.name && v.keyId === signature.keyId);
    if (known.length > 1) throw new SignedNoteError("ambiguous-key", `ambiguous key ${id}: given twice`);
    if (known.length === 0) {
      const line = `${id}+${signature.signature.toString("base64")}`;
      if (!seen.has(line)) unverified.push(signature);
      seen.add(line);
    } else if (!seen.has(id)) {
      seen.add(id);
      if (!known[0].verify(message, signature.signature))
        throw new SignedNoteError("invalid-signature", `invalid signature for key ${id}`);
      verifiedBy.push(signature);
    }
  }
  if (verifiedBy.length === 0) {
    const names = unverified.map((s) => `${s.name}+${s.keyId}`).join(", ");
    throw new SignedNoteError(
      "unverified",
      `the note has no signature by a known key (signed by: ${names})`,
      unverified,
    );
  }
  return { text, verifiedBy, unverified };
}
