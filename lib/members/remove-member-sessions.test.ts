import { beforeAll, describe, expect, it } from "vitest";
import { createSession } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db/client";
import { testDb } from "@/lib/testing/database";
import { createOwner, orgContextFor } from "@/lib/testing/factories";
import { steppedUp } from "@/lib/testing/step-up";
import { removeMember } from "./remove-member";

let db: Db;
beforeAll(() => {
  db = testDb();
});

/** Someone with a live session who belongs to `owner`'s organization, and to their own unless `onlyHere`. */
async function memberOf(owner: Awaited<ReturnType<typeof createOwner>>, onlyHere: boolean) {
  const person = await createOwner();
  await db.membership.create({ data: { orgId: owner.org.id, userId: person.user.id, role: "MEMBER" } });
  if (onlyHere) await db.membership.deleteMany({ where: { orgId: person.org.id, userId: person.user.id } });
  const session = await db.$transaction((tx) => createSession(tx, { userId: person.user.id, context: null }));
  return { person, session };
}

const sessionOf = (id: string) =>
  db.session.findUniqueOrThrow({ where: { id }, select: { revokedAt: true, revokedReason: true } });

describe("removing a member ends their sessions when it was their only organization", () => {
  it("ends them, marked 'removed' so the sign-in page can say why", async () => {
    const owner = await createOwner();
    const { person, session } = await memberOf(owner, true);
    const ctx = await steppedUp(db, orgContextFor(owner, owner.org, "OWNER"));
    await db.$transaction((tx) => removeMember({ ctx, tx, input: { userId: person.user.id } }));
    expect(await sessionOf(session.id)).toMatchObject({ revokedAt: expect.any(Date), revokedReason: "removed" });
  });

  it("leaves them alone when they belong to another organization (a session opens all of them)", async () => {
    const owner = await createOwner();
    const { person, session } = await memberOf(owner, false);
    const ctx = await steppedUp(db, orgContextFor(owner, owner.org, "OWNER"));
    await db.$transaction((tx) => removeMember({ ctx, tx, input: { userId: person.user.id } }));
    expect(await sessionOf(session.id)).toEqual({ revokedAt: null, revokedReason: null });
  });
});
