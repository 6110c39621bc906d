import { replaceRecoveryCodes } from "@/lib/auth/recovery-codes";
import { currentStep, newTotpSecret, sealTotpSecret, totpCodeAt } from "@/lib/auth/totp";
import type { Db } from "@/lib/db/client";

/** Gives a user an active TOTP second factor and recovery codes, as a completed enrolment would. */
export async function enrolTotp(db: Db, userId: string) {
  const secret = newTotpSecret();
  const sealed = await sealTotpSecret(db, userId, secret);
  const recoveryCodes = await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: userId },
      data: { totpSecret: sealed, totpEnabledAt: new Date() },
    });
    return replaceRecoveryCodes(tx, userId);
  });
  return {
    secret,
    recoveryCodes,
    codeAt: (nowMs = Date.now(), offsetSteps = 0) => totpCodeAt(secret, currentStep(nowMs) + offsetSteps),
  };
}
