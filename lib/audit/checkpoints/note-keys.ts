import {
  ED25519_PUBLIC_KEY_BYTES,
  ED25519_SEED_BYTES,
  ed25519PrivateKey,
  ed25519PublicKey,
  ed25519Sign,
  ed25519Verify,
  newEd25519Seed,
  rawEd25519PublicKey,
} from "./ed25519-keys";
import { decodeBase64Strict, isValidKeyName, noteKeyId, parseKeyIdHex, SIGNATURE_TYPE_ED25519 } from "./note-encoding";

/** Checks signatures by one key, found by (name, key id) in a note's signature lines. */
export type NoteVerifier = {
  readonly name: string;
  /** 8 lowercase hex digits: the first 4 bytes of SHA-256(name ‖ 0x0A ‖ type ‖ public key). */
  readonly keyId: string;
  /** The signature bytes after the 4-byte key id. */
  verify(message: Uint8Array, signature: Uint8Array): boolean;
};

/** Signs a note's text with one key. Holds the private key in a closure only: it never serialises. */
export type NoteSigner = {
  readonly name: string;
  readonly keyId: string;
  /** The signature bytes that follow the 4-byte key id in the signature line. */
  sign(message: Uint8Array): Uint8Array;
};

/** An Ed25519 note signer that also knows the verifier key others need to check it. */
export type Ed25519NoteSigner = NoteSigner & { readonly verifierKey: string };

export class NoteKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NoteKeyError";
  }
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

/** `<name>+<key id>+<base64(type ‖ public key)>`; type 0x01 for note signatures, 0x04 for cosignatures. */
export function formatVerifierKey(name: string, publicKey: Uint8Array, signatureType = SIGNATURE_TYPE_ED25519): string {
  if (!isValidKeyName(name)) throw new NoteKeyError("a key name is non-empty, without spaces or '+'");
  if (publicKey.length !== ED25519_PUBLIC_KEY_BYTES) throw new NoteKeyError("an Ed25519 public key is 32 bytes");
  const keyId = noteKeyId(name, signatureType, publicKey);
  return `${name}+${keyId}+${b64(Buffer.concat([Buffer.from([signatureType]), publicKey]))}`;
}

export type KeyParts = { name: string; keyId: string; type: number; material: Buffer };

/** Splits `name+keyid+base64` at its first two "+" (base64 may contain "+" itself), checking each part. */
export function keyParts(encoded: string, what: string): KeyParts {
  const first = encoded.indexOf("+");
  const second = first < 0 ? -1 : encoded.indexOf("+", first + 1);
  if (second < 0) throw new NoteKeyError(`malformed ${what}: expected <name>+<key id>+<base64 key>`);
  const name = encoded.slice(0, first);
  const keyId = parseKeyIdHex(encoded.slice(first + 1, second));
  const bytes = decodeBase64Strict(encoded.slice(second + 1));
  if (!isValidKeyName(name)) throw new NoteKeyError(`malformed ${what}: the name is empty or has spaces`);
  if (!keyId) throw new NoteKeyError(`malformed ${what}: the key id is not 8 hex digits`);
  if (!bytes || bytes.length < 2) throw new NoteKeyError(`malformed ${what}: the key is not valid base64`);
  return { name, keyId, type: bytes[0], material: bytes.subarray(1) };
}

/** Checks a parsed key's type byte, its length, and its key id against the key itself. */
export function checkEd25519Key(parts: KeyParts, expectedType: number, what: string): void {
  const hex = (type: number) => `0x${type.toString(16).padStart(2, "0")}`;
  if (parts.type !== expectedType)
    throw new NoteKeyError(`unsupported ${what} type ${hex(parts.type)}: expected ${hex(expectedType)}`);
  if (parts.material.length !== ED25519_PUBLIC_KEY_BYTES)
    throw new NoteKeyError(`malformed ${what}: an Ed25519 public key is 32 bytes`);
  if (noteKeyId(parts.name, parts.type, parts.material) !== parts.keyId)
    throw new NoteKeyError(`${what} ${parts.name}+${parts.keyId}: the key id does not match the key`);
}

/** Parses an Ed25519 note vkey (type 0x01) into a verifier, checking the key id against the key. */
export function parseVerifierKey(vkey: string): NoteVerifier & { readonly type: number; readonly publicKey: Buffer } {
  const { name, keyId, type, material } = keyParts(vkey, "verifier key");
  checkEd25519Key({ name, keyId, type, material }, SIGNATURE_TYPE_ED25519, "verifier key");
  const key = ed25519PublicKey(material);
  return {
    name,
    keyId,
    type,
    publicKey: Buffer.from(material),
    verify: (message, signature) => ed25519Verify(key, message, signature),
  };
}

/** `PRIVATE+KEY+<name>+<key id>+<base64(0x01 ‖ 32-byte seed)>`: the Go note package's signer key form. */
export function formatSignerKey(name: string, seed: Uint8Array): string {
  if (seed.length !== ED25519_SEED_BYTES) throw new NoteKeyError("an Ed25519 seed is 32 bytes");
  const publicKey = rawEd25519PublicKey(ed25519PrivateKey(seed));
  const vkey = formatVerifierKey(name, publicKey);
  const keyId = vkey.split("+")[1];
  return `PRIVATE+KEY+${name}+${keyId}+${b64(Buffer.concat([Buffer.from([SIGNATURE_TYPE_ED25519]), seed]))}`;
}

/** Parses a signer key. Errors never quote the key: it is a secret. */
export function parseSignerKey(skey: string): Ed25519NoteSigner {
  if (!skey.startsWith("PRIVATE+KEY+")) throw new NoteKeyError("malformed signer key: it starts with PRIVATE+KEY+");
  const { name, keyId, type, material } = keyParts(skey.slice("PRIVATE+KEY+".length), "signer key");
  if (type !== SIGNATURE_TYPE_ED25519) throw new NoteKeyError("unsupported signer key type: only Ed25519 (0x01)");
  if (material.length !== ED25519_SEED_BYTES) throw new NoteKeyError("malformed signer key: the seed is 32 bytes");
  const signer = ed25519NoteSigner(name, material);
  if (signer.keyId !== keyId) throw new NoteKeyError(`signer key ${name}+${keyId}: the key id does not match the key`);
  return signer;
}

/** A signer from a name and a 32-byte seed. */
export function ed25519NoteSigner(name: string, seed: Uint8Array): Ed25519NoteSigner {
  const privateKey = ed25519PrivateKey(seed);
  const verifierKey = formatVerifierKey(name, rawEd25519PublicKey(privateKey));
  return {
    name,
    keyId: verifierKey.split("+")[1],
    verifierKey,
    sign: (message) => ed25519Sign(privateKey, message),
  };
}

/** A new Ed25519 key pair for `name`, in both text forms. */
export function generateSignerKey(name: string): { signerKey: string; verifierKey: string } {
  const signerKey = formatSignerKey(name, newEd25519Seed());
  return { signerKey, verifierKey: parseSignerKey(signerKey).verifierKey };
}
