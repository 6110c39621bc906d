import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { testDb } from "@/lib/testing/database";
import { createOwner, orgContextFor } from "@/lib/testing/factories";
import { steppedUp } from "@/lib/testing/step-up";
import { createSecret } from "./create-secret";
import { revealSecret } from "./reveal-secret";
import { shareSecret } from "./share-secret";

let db: Db;
beforeAll(() => {
  db = testDb();
});

const alertsOf = (orgId: string) =>
  db.securityAlert.findMany({ where: { orgId, kind: "secret_revealed_by_new" }, orderBy: { firstSeenAt: "asc" } });

describe("a secret revealed by someone new", () => {
  it("raises one medium alert on a reader's first reveal, none for its writer or a repeat, grouped per secret", async () => {
    const owner = await createOwner();
    const members = [await createOwner(), await createOwner()];
    for (const member of members)
      await db.membership.create({ data: { orgId: owner.org.id, userId: member.user.id, role: "MEMBER" } });
    const ownerCtx = await steppedUp(db, orgContextFor(owner, owner.org));
    const [aliceCtx, bobCtx] = await Promise.all(
      members.map((member) => steppedUp(db, orgContextFor(member, owner.org, "MEMBER"))),
    );
    const secret = await db.$transaction((tx) =>
      createSecret(tx, ownerCtx, { name: "DB_PASSWORD", value: `sv-${randomUUID()}` }),
    );
    await db.$transaction((tx) =>
      shareSecret(tx, ownerCtx, { secretId: secret.id, with: { kind: "role", role: "MEMBER" } }),
    );
    const reveal = (ctx: typeof ownerCtx) => db.$transaction((tx) => revealSecret(tx, ctx, { secretId: secret.id }));

    await reveal(ownerCtx); // the owner wrote the value: nobody new
    expect(await alertsOf(owner.org.id)).toEqual([]);

    await reveal(aliceCtx!);
    const [alert] = await alertsOf(owner.org.id);
    expect(alert).toMatchObject({ severity: "medium", status: "open", count: 1, subjectId: secret.id });
    const entry = await db.auditEntry.findFirstOrThrow({
      where: { orgId: owner.org.id, action: "security.alert" },
      orderBy: { seq: "desc" },
    });
    expect(entry).toMatchObject({ actorId: members[0]!.user.id, targetId: secret.id });
    expect(JSON.stringify(entry.metadata)).toContain("secret_revealed_by_new");

    await reveal(aliceCtx!); // not new any more
    expect((await alertsOf(owner.org.id)).map((row) => row.count)).toEqual([1]);

    await reveal(bobCtx!); // someone else new: counted on the same alert
    expect((await alertsOf(owner.org.id)).map((row) => row.count)).toEqual([2]);
  });
});
