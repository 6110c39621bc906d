import "server-only";
import { z } from "zod";
import { appendForUser } from "@/lib/audit/append-for-user";
import type { RequestContext } from "@/lib/context";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { hashPassword } from "./password";
import { ZSignUp } from "./schemas";
import { stepUp } from "./step-up";

export const ZChangePassword = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password.").max(256),
    newPassword: ZSignUp.shape.password,
    confirmPassword: z.string().max(256),
    /** Required only when the user has a second factor: a code from the app or a recovery code. */
    code: z.string().trim().max(64).optional(),
  })
  .refine((fields) => fields.newPassword === fields.confirmPassword, {
    path: ["confirmPassword"],
    message: "The passwords do not match.",
  })
  .refine((fields) => fields.newPassword !== fields.currentPassword, {
    path: ["newPassword"],
    message: "Choose a password different from your current one.",
  });
export type TChangePassword = z.infer<typeof ZChangePassword>;

type ChangingPrincipal = { userId: string; sessionId: string; email: string };

/**
 * Changes the signed-in user's password. The current password (and second factor, if enrolled) is
 * checked as a step-up, which records its own success or failure. Every other session of the user
 * ends in the same transaction as the change: a session opened by someone who knew the old password
 * must not survive it. The session making the change stays signed in.
 */
export async function changePassword({
  principal,
  input,
  context,
  now = new Date(),
}: {
  principal: ChangingPrincipal;
  input: unknown;
  context: RequestContext;
  now?: Date;
}): Promise<{ revokedSessions: number }> {
  const fields = ZChangePassword.parse(input);
  const proof = await stepUp({ principal, password: fields.currentPassword, code: fields.code || undefined, context });
  if (!proof.ok) throw new AppError("forbidden", proof.error);
  const passwordHash = await hashPassword(fields.newPassword);

  return getDb().$transaction(async (tx) => {
    const { userId, sessionId, email } = principal;
    await tx.user.update({ where: { id: userId }, data: { passwordHash, passwordChangedAt: now } });
    const { count } = await tx.session.updateMany({
      where: { userId, revokedAt: null, id: { not: sessionId } },
      data: { revokedAt: now },
    });
    await appendForUser(tx, { id: userId, email }, { action: "password.changed", context, metadata: {} });
    return { revokedSessions: count };
  });
}
