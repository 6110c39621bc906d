import { describe, expect, test } from "vitest";
import {
  cosignatureTimestamp,
  cosignedMessage,
  ed25519Cosigner,
  formatCosignerVerifierKey,
  parseCosignerVerifierKey,
} from "./cosignature";
import { noteKeyId } from "./note-encoding";
import { openNote, parseNote, parseSignerKey, parseVerifierKey, signNote, generateSignerKey } from "./signed-note";
import { opensslVerifies } from "@/lib/testing/openssl-verify";

const CHECKPOINT = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
const SEED = Buffer.alloc(32, 7);
const AT = new Date("2026-12-06T12:00:00Z");

describe("tlog-cosignature v1 (Ed25519)", () => {
  test("the signed message is the header, the time line and the checkpoint, as in the spec", () => {
    expect(cosignedMessage(CHECKPOINT, 1679315147n).toString()).toBe(`cosignature/v1\ntime 1679315147\n${CHECKPOINT}`);
  });

  test("a witness cosigns a log-signed checkpoint; both signatures open, with the timestamp", () => {
    const log = parseSignerKey(generateSignerKey("log.example.com").signerKey);
    const witness = ed25519Cosigner("witness.example.com/w1", SEED, () => AT);
    const note = signNote(CHECKPOINT, [log, witness]);
    const witnessVerifier = parseCosignerVerifierKey(witness.verifierKey);
    const opened = openNote(note, [parseVerifierKey(log.verifierKey), witnessVerifier]);
    expect(opened.verifiedBy.map((s) => s.name)).toEqual(["log.example.com", "witness.example.com/w1"]);
    expect(cosignatureTimestamp(opened.verifiedBy[1].signature)).toBe(BigInt(AT.getTime() / 1000));
    expect(opened.verifiedBy[1].signature).toHaveLength(72);
  });

  test("the key id uses type 0x04, so the same key as a note key has another id", () => {
    const witness = ed25519Cosigner("w", SEED);
    const publicKey = parseCosignerVerifierKey(witness.verifierKey).publicKey;
    expect(witness.keyId).toBe(noteKeyId("w", 0x04, publicKey));
    expect(witness.keyId).not.toBe(noteKeyId("w", 0x01, publicKey));
    expect(witness.verifierKey).toBe(formatCosignerVerifierKey("w", publicKey));
    expect(Buffer.from(witness.verifierKey.split("+")[2], "base64")[0]).toBe(0x04);
    expect(() => parseVerifierKey(witness.verifierKey)).toThrow(/type 0x04/);
    expect(() => parseCosignerVerifierKey(witness.verifierKey.replace(/^w\+/, "v+"))).toThrow(/key id/);
  });

  test("a tampered timestamp or checkpoint fails", () => {
    const witness = ed25519Cosigner("w", SEED, () => AT);
    const verifier = parseCosignerVerifierKey(witness.verifierKey);
    const signature = parseNote(signNote(CHECKPOINT, [witness])).signatures[0].signature;
    expect(verifier.verify(Buffer.from(CHECKPOINT), signature)).toBe(true);
    const later = Buffer.from(signature);
    later.writeBigUInt64BE(later.readBigUInt64BE(0) + 1n);
    expect(verifier.verify(Buffer.from(CHECKPOINT), later)).toBe(false);
    expect(verifier.verify(Buffer.from(CHECKPOINT.replace("20852163", "20852164")), signature)).toBe(false);
    const beyond = Buffer.from(signature);
    beyond.writeBigUInt64BE(2n ** 63n);
    expect(verifier.verify(Buffer.from(CHECKPOINT), beyond)).toBe(false);
    expect(verifier.verify(Buffer.from(CHECKPOINT), signature.subarray(0, 71))).toBe(false);
  });

  test("OpenSSL verifies the Ed25519 signature over the cosigned message", () => {
    const witness = ed25519Cosigner("w", SEED, () => AT);
    const signature = parseNote(signNote(CHECKPOINT, [witness])).signatures[0].signature;
    const publicKey = parseCosignerVerifierKey(witness.verifierKey).publicKey;
    const message = cosignedMessage(CHECKPOINT, cosignatureTimestamp(signature)!).toString();
    expect(opensslVerifies(publicKey, message, signature.subarray(8))).toBe(true);
    expect(opensslVerifies(publicKey, CHECKPOINT, signature.subarray(8))).toBe(false);
  });
});
