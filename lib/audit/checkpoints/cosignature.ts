import { ed25519PrivateKey, ed25519PublicKey, ed25519Sign, ed25519Verify, rawEd25519PublicKey } from "./ed25519-keys";
import { noteKeyId, SIGNATURE_TYPE_COSIGNATURE_V1 } from "./note-encoding";
import {
  checkEd25519Key,
  formatVerifierKey,
  keyParts,
  NoteKeyError,
  type NoteSigner,
  type NoteVerifier,
} from "./note-keys";

/**
 * C2SP tlog-cosignature v1, the Ed25519 kind: a witness's note signature over
 * "cosignature/v1\ntime <unix seconds>\n" followed by the checkpoint text, written as the 8-byte big-endian
 * timestamp ‖ the 64-byte signature, with key id SHA-256(name ‖ 0x0A ‖ 0x04 ‖ public key)[:4]. The message
 * does not include the cosigner's name, so one key serves one cosigner.
 */

const MAX_TIMESTAMP = 2n ** 63n - 1n;

/** The bytes a v1 cosignature signs. */
export function cosignedMessage(checkpointText: string, timestamp: bigint): Buffer {
  if (timestamp < 0n || timestamp > MAX_TIMESTAMP) throw new RangeError("a cosignature timestamp is 0..2^63-1");
  return Buffer.from(`cosignature/v1\ntime ${timestamp}\n${checkpointText}`, "utf8");
}

/** The timestamp (Unix seconds) a cosignature's bytes (after the key id) carry, or null if they are not 72 bytes. */
export function cosignatureTimestamp(signature: Uint8Array): bigint | null {
  return signature.length === 72 ? Buffer.from(signature).readBigUInt64BE(0) : null;
}

export function cosignatureKeyId(name: string, publicKey: Uint8Array): string {
  return noteKeyId(name, SIGNATURE_TYPE_COSIGNATURE_V1, publicKey);
}

/** A cosigner's vkey: `<name>+<key id>+<base64(0x04 ‖ public key)>`. */
export function formatCosignerVerifierKey(name: string, publicKey: Uint8Array): string {
  return formatVerifierKey(name, publicKey, SIGNATURE_TYPE_COSIGNATURE_V1);
}

/**
 * A cosigner as a NoteSigner, so signNote writes its line: signs the note text it is given (a checkpoint) at
 * the time `now` returns (default: the clock).
 */
export function ed25519Cosigner(
  name: string,
  seed: Uint8Array,
  now: () => Date = () => new Date(),
): NoteSigner & { readonly verifierKey: string } {
  const privateKey = ed25519PrivateKey(seed);
  const verifierKey = formatCosignerVerifierKey(name, rawEd25519PublicKey(privateKey));
  return {
    name,
    keyId: verifierKey.split("+")[1],
    verifierKey,
    sign(checkpointText) {
      const timestamp = BigInt(Math.floor(now().getTime() / 1000));
      const message = cosignedMessage(Buffer.from(checkpointText).toString("utf8"), timestamp);
      const stamp = Buffer.alloc(8);
      stamp.writeBigUInt64BE(timestamp);
      return Buffer.concat([stamp, ed25519Sign(privateKey, message)]);
    },
  };
}

/** Verifies v1 cosignatures by one cosigner (for openNote); a timestamp above 2^63-1 fails. */
export function cosignatureVerifier(name: string, publicKey: Uint8Array): NoteVerifier & { publicKey: Buffer } {
  const key = ed25519PublicKey(publicKey);
  return {
    name,
    keyId: cosignatureKeyId(name, publicKey),
    publicKey: Buffer.from(publicKey),
    verify(checkpointText, signature) {
      const timestamp = cosignatureTimestamp(signature);
      if (timestamp === null || timestamp > MAX_TIMESTAMP) return false;
      const message = cosignedMessage(Buffer.from(checkpointText).toString("utf8"), timestamp);
      return ed25519Verify(key, message, signature.subarray(8));
    },
  };
}

/** Parses a cosigner vkey (type 0x04), checking its key id. */
export function parseCosignerVerifierKey(vkey: string): NoteVerifier & { publicKey: Buffer } {
  const parts = keyParts(vkey, "cosigner key");
  checkEd25519Key(parts, SIGNATURE_TYPE_COSIGNATURE_V1, "cosigner key");
  return cosignatureVerifier(parts.name, parts.material);
}

export { NoteKeyError };
