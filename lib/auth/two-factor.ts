import "server-only";
import { appendForUser } from "@/lib/audit/append-for-user";
import { type AuditEvent } from "@/lib/audit/append-audit-entry";
import type { Principal, RequestContext } from "@/lib/context";
import { getDb, type Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { assertSecondFactorOptional } from "./mfa-requirement";
import { replaceRecoveryCodes } from "./recovery-codes";
import { requireStepUp } from "./step-up";
import { enrolmentMaterial, matchingStep, newTotpSecret, openTotpSecret, sealTotpSecret } from "./totp";

type Args = { principal: Principal; context: RequestContext };

/** Second-factor events belong in the trail of every organization the user is a member of. */
const appendForPrincipal = (tx: Tx, { principal, context }: Args, event: Pick<AuditEvent, "action" | "metadata">) =>
  appendForUser(tx, { id: principal.userId, email: principal.email }, { ...event, context });

/**
 * Starts (or restarts) enrolment: a new seed kept aside, sealed, as the pending secret. Nothing
 * changes for sign-in until a code from it is confirmed.
 */
/**
 * Replacing a second factor that is already active is as sensitive as turning it off: whoever holds
 * a session could otherwise swap in their own authenticator and lock the owner out.
 */
async function requireStepUpToReplace(principal: Principal) {
  const user = await getDb().user.findUniqueOrThrow({
    where: { id: principal.userId },
    select: { totpEnabledAt: true },
  });
  if (user.totpEnabledAt) await requireStepUp(principal);
}

export async function startTotpEnrolment({ principal }: Args) {
  await requireStepUpToReplace(principal);
  const secret = newTotpSecret();
  const sealed = await sealTotpSecret(getDb(), principal.userId, secret);
  await getDb().user.update({ where: { id: principal.userId }, data: { totpPendingSecret: sealed } });
  const { qrSvg, uri } = await enrolmentMaterial(secret, principal.email);
  return { qrSvg, secret, uri };
}

/** Confirms enrolment with a code from the pending seed; returns the recovery codes, shown this once. */
export async function confirmTotpEnrolment(args: Args & { code: string }): Promise<{ recoveryCodes: string[] }> {
  await requireStepUpToReplace(args.principal);
  const db = getDb();
  const user = await db.user.findUniqueOrThrow({
    where: { id: args.principal.userId },
    select: { totpPendingSecret: true },
  });
  if (!user.totpPendingSecret)
    throw new AppError("conflict", "Start the set-up again: no authenticator is waiting to be confirmed.");
  const secret = await openTotpSecret(db, args.principal.userId, user.totpPendingSecret);
  const step = await matchingStep(secret, args.code.replace(/\s/g, ""));
  if (step === null) {
    throw new AppError("invalid_input", "That code does not match. Enter the current 6-digit code from your app.", {
      code: ["That code does not match."],
    });
  }
  return db.$transaction(async (tx) => {
    // Only the seed that was shown is activated, and only once (a second confirmation finds nothing pending).
    const { count } = await tx.user.updateMany({
      where: { id: args.principal.userId, totpPendingSecret: user.totpPendingSecret },
      data: {
        totpSecret: user.totpPendingSecret,
        totpPendingSecret: null,
        totpEnabledAt: new Date(),
        totpLastStep: BigInt(step),
      },
    });
    if (count !== 1) throw new AppError("conflict", "This set-up was already confirmed or restarted.");
    const recoveryCodes = await replaceRecoveryCodes(tx, args.principal.userId);
    await appendForPrincipal(tx, args, { action: "mfa.enrolled", metadata: { method: "totp" } });
    return { recoveryCodes };
  });
}

/** A new set of recovery codes; the old set stops working. Needs a recent step-up. */
export async function regenerateRecoveryCodes(args: Args): Promise<{ recoveryCodes: string[] }> {
  await requireStepUp(args.principal);
  return getDb().$transaction(async (tx) => {
    const recoveryCodes = await replaceRecoveryCodes(tx, args.principal.userId);
    await appendForPrincipal(tx, args, {
      action: "mfa.recovery_codes_regenerated",
      metadata: { count: recoveryCodes.length },
    });
    return { recoveryCodes };
  });
}

/**
 * Turns the second factor off. Needs a recent step-up (password and a current code), and no role or
 * policy requiring it: an owner would otherwise lock themselves out of their own organization.
 */
export async function disableTotp(args: Args): Promise<void> {
  await assertSecondFactorOptional(getDb(), args.principal.userId);
  await requireStepUp(args.principal);
  await getDb().$transaction(async (tx) => {
    await tx.user.update({
      where: { id: args.principal.userId },
      data: { totpSecret: null, totpPendingSecret: null, totpEnabledAt: null, totpLastStep: null },
    });
    await tx.recoveryCode.deleteMany({ where: { userId: args.principal.userId } });
    await appendForPrincipal(tx, args, { action: "mfa.disabled", metadata: { method: "totp" } });
  });
}
