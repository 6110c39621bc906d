import "server-only";
import argon2 from "argon2";

/**
 * argon2id at OWASP's strongest recommended memory setting (64 MiB, 3 passes, 4 lanes):
 * above the 19 MiB / 2-pass floor of the OWASP Password Storage Cheat Sheet.
 */
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 65_536, timeCost: 3, parallelism: 4 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/**
 * A real hash of a random password, checked against when the email is unknown, so that an unknown
 * email and a wrong password take the same time (no user enumeration by timing).
 */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(crypto.randomUUID());
  return decoy;
}
