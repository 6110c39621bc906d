import "server-only";
import { randomBytes } from "node:crypto";
import { hashToken } from "@/lib/crypto/tokens";
import type { Db, Tx } from "@/lib/db/client";

export const RECOVERY_CODE_COUNT = 10;

/** 100 bits each (20 base32 characters), shown as xxxxx-xxxxx-xxxxx-xxxxx. */
function newRecoveryCode(): string {
  const alphabet = "abcdefghijkmnpqrstuvwxyz23456789"; // 32 symbols, no look-alikes: 5 bits each
  const bytes = randomBytes(20);
  const chars = [...bytes].map((byte) => alphabet[byte & 31]);
  return [0, 5, 10, 15].map((start) => chars.slice(start, start + 5).join("")).join("-");
}

export function normaliseRecoveryCode(input: string): string {
  const compact = input.toLowerCase().replace(/[^a-z0-9]/g, "");
  return compact.length === 20
    ? [0, 5, 10, 15].map((start) => compact.slice(start, start + 5)).join("-")
    : input.trim().toLowerCase();
}

export function looksLikeRecoveryCode(input: string): boolean {
  return input.toLowerCase().replace(/[^a-z0-9]/g, "").length === 20;
}

/** A new set of codes (returned once, in clear); the old set stops working in the same transaction. */
export async function replaceRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({ data: codes.map((code) => ({ userId, codeHash: hashToken(code) })) });
  return codes;
}

/** Uses up a recovery code, atomically: a code works once, even when two requests race with it. */
export async function consumeRecoveryCode(
  db: Db | Tx,
  userId: string,
  input: string,
): Promise<{ ok: boolean; remaining: number }> {
  const { count } = await db.recoveryCode.updateMany({
    where: { userId, codeHash: hashToken(normaliseRecoveryCode(input)), usedAt: null },
    data: { usedAt: new Date() },
  });
  const remaining = await db.recoveryCode.count({ where: { userId, usedAt: null } });
  return { ok: count === 1, remaining };
}
