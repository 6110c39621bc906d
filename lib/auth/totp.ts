import "server-only";
import { timingSafeEqual } from "node:crypto";
import { generate, generateSecret, generateURI } from "otplib";
import QRCode from "qrcode";
import { envelopeDataKeyId, isLegacySealed, openEnveloped, sealEnveloped } from "@/lib/crypto/enveloped-value";
import { openLegacySealed } from "@/lib/crypto/legacy-sealed";
import { currentPlatformDataKey, platformDataKeyById } from "@/lib/crypto/platform-data-keys";
import type { Db, Tx } from "@/lib/db/client";

/** RFC 6238 defaults every authenticator app understands: SHA-1, 6 digits, 30-second steps. */
export const TOTP_PERIOD_SECONDS = 30;
/** Codes from one step before or after now are accepted, for clocks that drift a little. */
const WINDOW_STEPS = 1;
/** The purpose seeds were sealed under before envelope encryption (the instance key directly). */
export const LEGACY_TOTP_PURPOSE = "totp-secret";

/** Bound to the user: a seed copied onto another account does not open there (pending and active alike). */
export const totpSeedContext = (userId: string) => `verity/totp-seed/v1|${userId}`;

/** Seals a user's seed under the platform data key (a seed is the person's, not an organization's). */
export async function sealTotpSecret(db: Db, userId: string, secret: string): Promise<string> {
  return sealEnveloped(await currentPlatformDataKey(db), totpSeedContext(userId), secret);
}

/** Opens a seed; one still in the pre-envelope form (not yet converted at start-up) opens with the instance key. */
export async function openTotpSecret(db: Db | Tx, userId: string, sealed: string): Promise<string> {
  if (isLegacySealed(sealed)) return openLegacySealed(db, sealed, LEGACY_TOTP_PURPOSE);
  const dataKey = await platformDataKeyById(db, envelopeDataKeyId(sealed));
  return openEnveloped(dataKey, totpSeedContext(userId), sealed);
}

export function newTotpSecret(): string {
  return generateSecret(); // 20 random bytes, base32: above RFC 4226's 128-bit minimum
}

export function currentStep(nowMs = Date.now()): number {
  return Math.floor(nowMs / 1000 / TOTP_PERIOD_SECONDS);
}

export async function totpCodeAt(secret: string, step: number): Promise<string> {
  return generate({ secret, epoch: step * TOTP_PERIOD_SECONDS });
}

/** What an authenticator app needs: the otpauth:// URI as a locally rendered QR code, and the secret to type in. */
export async function enrolmentMaterial(secret: string, accountName: string) {
  const uri = generateURI({ issuer: "Verity", label: accountName, secret });
  return { uri, secret, qrSvg: await QRCode.toString(uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" }) };
}

/** The time step within ±1 of now whose code this is, or null. Compared in constant time. */
export async function matchingStep(secret: string, code: string, nowMs = Date.now()): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const now = currentStep(nowMs);
  let match: number | null = null;
  for (let step = now - WINDOW_STEPS; step <= now + WINDOW_STEPS; step++) {
    const expected = await totpCodeAt(secret, step);
    if (timingSafeEqual(Buffer.from(expected), Buffer.from(code)) && match === null) match = step;
  }
  return match;
}

/**
 * Checks a user's TOTP code and consumes its time step: the step is recorded with a compare-and-set
 * (only if later than the last accepted one), so a code, once used, fails everywhere, even when
 * two requests race with it.
 */
export async function consumeTotpCode(db: Db | Tx, userId: string, code: string, nowMs = Date.now()): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { totpSecret: true, totpEnabledAt: true } });
  if (!user?.totpSecret || !user.totpEnabledAt) return false;
  const step = await matchingStep(await openTotpSecret(db, userId, user.totpSecret), code, nowMs);
  if (step === null) return false;
  const { count } = await db.user.updateMany({
    where: { id: userId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: BigInt(step) } }] },
    data: { totpLastStep: BigInt(step) },
  });
  return count === 1;
}
