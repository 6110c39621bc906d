import * as ed25519 from "@noble/ed25519";
import { describe, expect, test } from "vitest";
import {
  formatSignerKey,
  formatVerifierKey,
  generateSignerKey,
  noteKeyId,
  openNote,
  parseNote,
  parseSignerKey,
  parseVerifierKey,
  signNote,
  SignedNoteError,
} from "./signed-note";
import { opensslVerifies } from "@/lib/testing/openssl-verify";

// The example key pair and note of golang.org/x/mod/sumdb/note (its package documentation and note_test.go).
const PETER_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
const PETER_SKEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
const ENOCH_VKEY = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";
const TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_SIG =
  "— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
const ENOCH_SIG =
  "— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n";

const problemOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof SignedNoteError) return `${error.problem}: ${error.message}`;
    throw error;
  }
  return "no error";
};

describe("the reference example (golang.org/x/mod/sumdb/note)", () => {
  test("signing the example text with the example key gives the published note byte for byte", () => {
    expect(signNote(TEXT, [parseSignerKey(PETER_SKEY)])).toBe(`${TEXT}\n${PETER_SIG}`);
  });

  test("the published note opens with the published verifier key", () => {
    const opened = openNote(`${TEXT}\n${PETER_SIG}`, [parseVerifierKey(PETER_VKEY)]);
    expect(opened.text).toBe(TEXT);
    expect(opened.verifiedBy.map((s) => `${s.name}+${s.keyId}`)).toEqual(["PeterNeumann+c74f20a3"]);
    expect(opened.unverified).toEqual([]);
  });

  test("key ids are SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key)[:4], as the vectors say", () => {
    const peter = parseVerifierKey(PETER_VKEY);
    expect(noteKeyId("PeterNeumann", 0x01, peter.publicKey)).toBe("c74f20a3");
    expect(parseVerifierKey(ENOCH_VKEY).keyId).toBe("af0cfe78");
    expect(formatVerifierKey("PeterNeumann", peter.publicKey)).toBe(PETER_VKEY);
    const seed = Buffer.from(PETER_SKEY.split("+").slice(4).join("+"), "base64").subarray(1);
    expect(formatSignerKey("PeterNeumann", seed)).toBe(PETER_SKEY);
    expect(parseSignerKey(PETER_SKEY).verifierKey).toBe(PETER_VKEY);
  });

  test("one known and one unknown signer: the unknown one is kept aside, unverified", () => {
    const opened = openNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`, [parseVerifierKey(PETER_VKEY)]);
    expect(opened.verifiedBy.map((s) => s.name)).toEqual(["PeterNeumann"]);
    expect(opened.unverified.map((s) => `${s.name}+${s.keyId}`)).toEqual(["EnochRoot+af0cfe78"]);
    const both = openNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`, [PETER_VKEY, ENOCH_VKEY].map(parseVerifierKey));
    expect(both.verifiedBy.map((s) => s.name)).toEqual(["PeterNeumann", "EnochRoot"]);
  });

  test("mangled verifier and signer keys are refused (every truncation and every changed byte)", () => {
    for (const [key, parse] of [
      [PETER_VKEY, parseVerifierKey],
      [PETER_SKEY, parseSignerKey],
    ] as const) {
      for (let i = 0; i < key.length; i++) {
        for (let j = i + 1; j <= key.length; j++)
          if (i !== 0 || j !== key.length) expect(() => parse(key.slice(i, j))).toThrow();
        const changed = key.slice(0, i) + String.fromCharCode(key.charCodeAt(i) + 1) + key.slice(i + 1);
        expect(() => parse(changed), changed).toThrow();
      }
    }
    expect(() =>
      parseVerifierKey("PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY=="),
    ).toThrow();
    expect(() => parseVerifierKey("PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")).toThrow(
      /type 0x65/,
    );
  });

  test("the reference's malformed notes are malformed here too", () => {
    const peter = [parseVerifierKey(PETER_VKEY)];
    const bad = [
      [TEXT, "no blank line"],
      [`${TEXT}\n`, "no signature lines"],
      [`${TEXT}\n${PETER_SIG.slice(0, -1)}`, "does not end in a newline"],
      [`\u0001${TEXT}\n${PETER_SIG}`, "control character"],
      [
        `${TEXT}\n— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`,
        "base64",
      ],
      [`${TEXT}\n${PETER_SIG}Unexpected line.\n`, "line 2 does not start"],
      [`${TEXT}\n${PETER_SIG.repeat(101)}`, "more than 100"],
    ];
    for (const [note, why] of bad)
      expect(problemOf(() => openNote(note, peter))).toMatch(new RegExp(`^malformed: .*${why}`));
    const invalidUtf8 = Buffer.concat([Buffer.from([0xff]), Buffer.from(`${TEXT}\n${PETER_SIG}`)]);
    expect(problemOf(() => openNote(invalidUtf8, peter))).toMatch(/^malformed: .*UTF-8/);
  });

  test("a corrupted signature by a known key rejects the whole note", () => {
    const corrupt = `${TEXT}\n${PETER_SIG.slice(0, 60)}ABCD${PETER_SIG.slice(60)}`;
    expect(problemOf(() => openNote(corrupt, [parseVerifierKey(PETER_VKEY)]))).toBe(
      "invalid-signature: invalid signature for key PeterNeumann+c74f20a3",
    );
  });

  test("no known signer, or the same key given twice, is an error", () => {
    expect(problemOf(() => openNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`, []))).toMatch(
      /^unverified: .*PeterNeumann\+c74f20a3, EnochRoot\+af0cfe78/,
    );
    const enoch = parseVerifierKey(ENOCH_VKEY);
    expect(problemOf(() => openNote(`${TEXT}\n${ENOCH_SIG}`, [enoch, enoch]))).toMatch(/^ambiguous-key/);
    expect(openNote(`${TEXT}\n${PETER_SIG}${PETER_SIG}`, [parseVerifierKey(PETER_VKEY)]).verifiedBy).toHaveLength(1);
    // A key given twice only matters when it signed the note.
    expect(openNote(`${TEXT}\n${PETER_SIG}`, [enoch, parseVerifierKey(PETER_VKEY), enoch]).verifiedBy).toHaveLength(1);
  });
});

describe("Verity's own signatures", () => {
  test("a generated key signs notes that open with its vkey, and only with it", () => {
    const { signerKey, verifierKey } = generateSignerKey("verity.example.com");
    const note = signNote("verity.example.com/orgs/o1\n1\nAAAA\n", [parseSignerKey(signerKey)]);
    expect(openNote(note, [parseVerifierKey(verifierKey)]).text).toBe("verity.example.com/orgs/o1\n1\nAAAA\n");
    expect(problemOf(() => openNote(note.replace("\n1\n", "\n2\n"), [parseVerifierKey(verifierKey)]))).toMatch(
      /^invalid-signature/,
    );
  });

  test("a signature by another key with the same name is not taken for ours", () => {
    const ours = generateSignerKey("verity.example.com");
    const theirs = parseSignerKey(generateSignerKey("verity.example.com").signerKey);
    const forged = signNote("x\n", [theirs]);
    expect(problemOf(() => openNote(forged, [parseVerifierKey(ours.verifierKey)]))).toMatch(/^unverified/);
    // Even a forged key id (same name, same id, another key) only gets as far as a failed signature.
    const ourVerifier = parseVerifierKey(ours.verifierKey);
    const collided = signNote("x\n", [{ name: theirs.name, keyId: ourVerifier.keyId, sign: theirs.sign }]);
    expect(problemOf(() => openNote(collided, [ourVerifier]))).toMatch(/^invalid-signature/);
  });

  test("bad base64, unknown keys and extra blank lines are named", () => {
    const signer = parseSignerKey(generateSignerKey("verity.example.com").signerKey);
    const verifier = parseVerifierKey(signer.verifierKey);
    const note = signNote("a\n", [signer]);
    expect(problemOf(() => openNote(note.replace(/=\n$/, "\n"), [verifier]))).toMatch(/^malformed: .*base64/);
    expect(problemOf(() => openNote(note.replace(/(\S+)\n$/, "!$1\n"), [verifier]))).toMatch(/^malformed: .*base64/);
    // An extra blank line moves into the text, which then is not what was signed.
    expect(problemOf(() => openNote(note.replace("\n\n", "\n\n\n"), [verifier]))).toMatch(/^invalid-signature/);
    expect(problemOf(() => signNote("no newline", [signer]))).toMatch(
      /^malformed: malformed note: the text does not end in a newline/,
    );
    expect(parseNote(note).signatures[0].keyId).toBe(signer.keyId);
    expect(problemOf(() => signNote("a\n", [{ ...signer, keyId: "c74f20" }]))).toMatch(/key id is not 8/);
  });

  test("errors about signer keys never repeat the key", () => {
    const { signerKey } = generateSignerKey("verity.example.com");
    // PRIVATE+KEY+<name>+<key id>+<base64 key>: the base64 may itself hold "+", so take everything after the key id.
    const secret = signerKey.split("+").slice(4).join("+");
    expect(secret).toHaveLength(44);
    for (const broken of [
      signerKey.replace("PRIVATE", "PRIVAT"),
      `${signerKey}A`,
      signerKey.replace(/\+[0-9a-f]{8}\+/, "+00000000+"),
    ])
      expect(() => parseSignerKey(broken)).toThrow(
        expect.objectContaining({ message: expect.not.stringContaining(secret) }),
      );
  });

  test("an independent Ed25519 implementation (OpenSSL) accepts our signatures", () => {
    const signer = parseSignerKey(generateSignerKey("verity.example.com").signerKey);
    const text = "verity.example.com/orgs/o1\n42\nq1XbS7zj6lqOdeJ4TM/8yOSxXnCDnCKAJsbZmTWbv44=\n";
    const { signatures } = parseNote(signNote(text, [signer]));
    const publicKey = parseVerifierKey(signer.verifierKey).publicKey;
    expect(opensslVerifies(publicKey, text, signatures[0].signature)).toBe(true);
    expect(opensslVerifies(publicKey, text.replace("42", "43"), signatures[0].signature)).toBe(false);
  });

  test("a pure-JavaScript Ed25519 (@noble/ed25519, no OpenSSL underneath) accepts our signatures too", async () => {
    const signer = parseSignerKey(generateSignerKey("verity.example.com").signerKey);
    const text = "verity.example.com/orgs/o1\n7\nq1XbS7zj6lqOdeJ4TM/8yOSxXnCDnCKAJsbZmTWbv44=\n";
    const { signatures } = parseNote(signNote(text, [signer]));
    const publicKey = parseVerifierKey(signer.verifierKey).publicKey;
    const message = new TextEncoder().encode(text);
    expect(await ed25519.verifyAsync(signatures[0].signature, message, publicKey)).toBe(true);
    const altered = new TextEncoder().encode(text.replace("\n7\n", "\n8\n"));
    expect(await ed25519.verifyAsync(signatures[0].signature, altered, publicKey)).toBe(false);
  });
});
