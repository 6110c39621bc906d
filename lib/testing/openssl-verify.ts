import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * An Ed25519 check outside the process: the system's `openssl pkeyutl -verify -rawin` (OpenSSL 3) over the
 * message, with the raw 32-byte public key wrapped as SubjectPublicKeyInfo PEM. Exactly the commands
 * docs/checkpoints.md gives a customer.
 */
export function opensslVerifies(publicKey: Uint8Array, message: string, signature: Uint8Array): boolean {
  const dir = mkdtempSync(join(tmpdir(), "verity-openssl-"));
  try {
    const spki = Buffer.concat([Buffer.from("302a300506032b6570032100", "hex"), publicKey]).toString("base64");
    writeFileSync(join(dir, "pub.pem"), `-----BEGIN PUBLIC KEY-----\n${spki}\n-----END PUBLIC KEY-----\n`);
    writeFileSync(join(dir, "msg"), message);
    writeFileSync(join(dir, "sig"), signature);
    const args = ["pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin", "-in", "msg", "-sigfile", "sig"];
    try {
      return execFileSync("openssl", args, { cwd: dir, encoding: "utf8" }).includes("Signature Verified Successfully");
    } catch {
      return false;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
