import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { formatCheckpoint, parseCheckpoint } from "./checkpoint-text";
import { cosignatureTimestamp, cosignedMessage, ed25519Cosigner, parseCosignerVerifierKey } from "./cosignature";
import {
  ed25519NoteSigner,
  formatSignerKey,
  openNote,
  parseSignerKey,
  parseVerifierKey,
  signNote,
} from "./signed-note";

/** docs/checkpoints.md's worked example: each `<!-- example: name -->` and the fenced block after it. */
function docExamples(): Record<string, string> {
  const markdown = readFileSync(join(__dirname, "..", "..", "..", "docs", "checkpoints.md"), "utf8");
  const blocks: Record<string, string> = {};
  for (const [, name, body] of markdown.matchAll(/<!-- example: (\S+) -->\n```[a-z]*\n([\s\S]*?)```/g))
    blocks[name] = body;
  return blocks;
}

const example = docExamples();
const one = (name: string) => example[name].trim();

describe("docs/checkpoints.md's worked example", () => {
  test("has every block", () => {
    const names = ["seed", "signer-key", "vkey", "checkpoint", "signed-note", "openssl", "witness-vkey"];
    expect(Object.keys(example)).toEqual(expect.arrayContaining([...names, "cosigned-note", "cosigned-message"]));
  });

  test("the signer key, vkey and key id follow from the seed, and the key id from its formula", () => {
    const seed = Buffer.from(one("seed"), "hex");
    expect(formatSignerKey("verity.example.com", seed)).toBe(one("signer-key"));
    const signer = ed25519NoteSigner("verity.example.com", seed);
    expect(signer.verifierKey).toBe(one("vkey"));
    const publicKey = Buffer.from(one("vkey").split("+").slice(2).join("+"), "base64").subarray(1);
    const keyId = createHash("sha256")
      .update(Buffer.concat([Buffer.from("verity.example.com\n\u0001"), publicKey]))
      .digest()
      .subarray(0, 4)
      .toString("hex");
    expect(one("vkey").split("+")[1]).toBe(keyId);
    expect(parseSignerKey(one("signer-key")).keyId).toBe(keyId);
  });

  test("the checkpoint is what formatCheckpoint writes, and the note what signNote writes", () => {
    const rootHash = createHash("sha256").update("Verity worked example").digest();
    const origin = "verity.example.com/orgs/2f1c6b2e-8a4d-4c1e-9b7a-5d3e1f0a6c42";
    expect(formatCheckpoint({ origin, size: 3, rootHash })).toBe(example.checkpoint);
    expect(parseCheckpoint(example.checkpoint)).toMatchObject({ origin, size: 3n, rootHash });
    const signer = parseSignerKey(one("signer-key"));
    expect(signNote(example.checkpoint, [signer])).toBe(example["signed-note"]);
    expect(openNote(example["signed-note"], [parseVerifierKey(one("vkey"))]).text).toBe(example.checkpoint);
  });

  test("the cosigned note and its signed message are what the witness writes", () => {
    const witness = ed25519Cosigner(
      "witness.example.org",
      Buffer.from(Array.from({ length: 32 }, (_, i) => 0x20 + i)),
      () => new Date(1796558400_000),
    );
    expect(witness.verifierKey).toBe(one("witness-vkey"));
    const signer = parseSignerKey(one("signer-key"));
    expect(signNote(example.checkpoint, [signer, witness])).toBe(example["cosigned-note"]);
    const opened = openNote(example["cosigned-note"], [parseCosignerVerifierKey(one("witness-vkey"))]);
    expect(cosignatureTimestamp(opened.verifiedBy[0].signature)).toBe(1796558400n);
    expect(cosignedMessage(example.checkpoint, 1796558400n).toString()).toBe(example["cosigned-message"]);
  });

  test("the OpenSSL commands verify the note, and fail on a changed checkpoint", () => {
    const run = (script: string) => {
      const dir = mkdtempSync(join(tmpdir(), "verity-doc-"));
      try {
        return execFileSync("sh", ["-c", script], { cwd: dir, encoding: "utf8", stdio: "pipe" });
      } catch (error) {
        return String((error as { stdout?: string }).stdout ?? "failed");
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    };
    expect(run(example.openssl)).toContain("Signature Verified Successfully");
    expect(run(example.openssl.replace("\n3\n", "\n4\n"))).toContain("Signature Verification Failure");
  });
});
