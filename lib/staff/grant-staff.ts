import "server-only";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { appendPlatformTrail } from "./platform-trail";

const ZStaffEmail = z
  .email()
  .max(254)
  .transform((email) => email.toLowerCase());

type Options = { db: Db; email: string; operator: string };

async function userByEmail(db: Db, email: string) {
  const address = ZStaffEmail.parse(email);
  const user = await db.user.findFirst({
    where: { email: { equals: address, mode: "insensitive" } },
    select: { id: true, email: true },
  });
  if (!user) throw new AppError("not_found", `No account uses ${address}: the person signs up first.`);
  return user;
}

/** Makes an account platform staff (no organization opens by it), recorded in the platform trail. */
export async function grantStaff({ db, email, operator }: Options): Promise<{ changed: boolean }> {
  const user = await userByEmail(db, email);
  return db.$transaction(async (tx) => {
    const existing = await tx.platformStaff.findUnique({ where: { userId: user.id } });
    if (existing) return { changed: false };
    await tx.platformStaff.create({ data: { userId: user.id, grantedBy: operator } });
    await appendPlatformTrail(tx, {
      action: "staff.granted",
      actorDisplay: operator,
      targetUserId: user.id,
      targetEmail: user.email,
    });
    return { changed: true };
  });
}

/** Takes platform staff away: the guard checks staff status on every request, so open support sessions stop at once. */
export async function revokeStaff({ db, email, operator }: Options): Promise<{ changed: boolean }> {
  const user = await userByEmail(db, email);
  return db.$transaction(async (tx) => {
    const { count } = await tx.platformStaff.deleteMany({ where: { userId: user.id } });
    if (count === 0) return { changed: false };
    await appendPlatformTrail(tx, {
      action: "staff.revoked",
      actorDisplay: operator,
      targetUserId: user.id,
      targetEmail: user.email,
    });
    return { changed: true };
  });
}

export async function isPlatformStaff(client: Pick<Db, "platformStaff">, userId: string): Promise<boolean> {
  return (await client.platformStaff.count({ where: { userId } })) > 0;
}
