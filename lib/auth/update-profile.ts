import "server-only";
import { z } from "zod";
import { appendForUser } from "@/lib/audit/append-for-user";
import type { Principal, RequestContext } from "@/lib/context";
import { getDb } from "@/lib/db/client";
import { ZSignUp } from "./schemas";

export const ZUpdateProfile = z.object({ name: ZSignUp.shape.name }).strict();

/**
 * Renames the signed-in person, with a `user.profile_updated` entry in each of their organizations'
 * trails in the same transaction. The same name again changes and records nothing.
 */
export async function updateProfile({
  principal,
  input,
  context,
}: {
  principal: Principal;
  input: z.infer<typeof ZUpdateProfile>;
  context: RequestContext;
}): Promise<{ changed: boolean }> {
  return getDb().$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({
      where: { id: principal.userId },
      select: { name: true, email: true },
    });
    if (user.name === input.name) return { changed: false };
    await tx.user.update({ where: { id: principal.userId }, data: { name: input.name } });
    await appendForUser(
      tx,
      { id: principal.userId, email: user.email },
      {
        action: "user.profile_updated",
        context,
        metadata: { before: { name: user.name }, after: { name: input.name } },
      },
    );
    return { changed: true };
  });
}
