import { createSession } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db/client";
import type { OrgContext, Principal } from "@/lib/context";

/**
 * The same person acting on a live session that stepped up a moment ago (as if they had just
 * confirmed their password and code), for services that need a recent step-up: granting or removing
 * Owner, inviting an owner, rotating or revealing a webhook secret. The step-up itself is tested in
 * lib/auth/two-factor.test.ts.
 */
export async function steppedUp<C extends OrgContext>(db: Db, ctx: C): Promise<C & OrgContext<Principal>> {
  const { principal } = ctx;
  if (principal.type !== "user") throw new Error("only a person's session can step up");
  const session = await db.$transaction((tx) => createSession(tx, { userId: principal.userId, context: null }));
  await db.session.update({ where: { id: session.id }, data: { steppedUpAt: new Date() } });
  return { ...ctx, principal: { ...principal, sessionId: session.id } };
}
