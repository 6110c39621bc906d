import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import type { RoleName } from "@/lib/rbac/permissions";
import { testDb } from "@/lib/testing/database";
import { createOwner, orgContextFor } from "@/lib/testing/factories";
import { steppedUp } from "@/lib/testing/step-up";
import { createSecret } from "./create-secret";
import { deleteSecret, restoreSecret } from "./delete-secret";
import { destroyDeletedSecrets } from "./destroy-deleted-secrets";
import { listSecrets } from "./list-secrets";
import { revealSecret } from "./reveal-secret";
import { rotateOrgDataKey } from "./rotate-org-data-key";
import { shareSecret, unshareSecret } from "./share-secret";
import { updateSecret } from "./update-secret";

let db: Db;
beforeAll(() => {
  db = testDb();
});

const secretValue = () => `sv-${randomUUID()}`;

async function orgWithMember(role: RoleName = "MEMBER") {
  const owner = await createOwner();
  const member = await createOwner();
  await db.membership.create({ data: { orgId: owner.org.id, userId: member.user.id, role } });
  return {
    owner,
    member,
    ownerCtx: await steppedUp(db, orgContextFor(owner, owner.org)),
    memberCtx: await steppedUp(db, orgContextFor(member, owner.org, role)),
  };
}

const entriesOf = (orgId: string, action: string) =>
  db.auditEntry.findMany({ where: { orgId, action }, orderBy: { seq: "asc" } });

describe("organization secrets", () => {
  it("holds a small file: sealed like a string, revealed as its exact bytes behind the step-up, on the record", async () => {
    const { owner, ownerCtx } = await orgWithMember();
    // Bytes that are not UTF-8: a file must come back byte for byte, through a new version and a data-key rotation.
    const bytes = Buffer.concat([Buffer.from(`sf-${randomUUID()}`), Buffer.from([0, 0xff, 0xfe, 0x80, 0xc3])]);
    const file = {
      name: "service-account.json",
      contentType: "application/json",
      contentBase64: bytes.toString("base64"),
    };
    const secret = await db.$transaction((tx) => createSecret(tx, ownerCtx, { name: "GCP_KEY", value: secretValue() }));
    await db.$transaction((tx) => updateSecret(tx, ownerCtx, { secretId: secret.id, file }));
    await rotateOrgDataKey(db, { orgId: owner.org.id });
    const revealed = await db.$transaction((tx) => revealSecret(tx, ownerCtx, { secretId: secret.id }));
    expect(revealed).toEqual({
      name: "GCP_KEY",
      version: 2,
      file: {
        name: "service-account.json",
        contentType: "application/json",
        size: bytes.length,
        contentBase64: file.contentBase64,
      },
    });
    expect(Buffer.from(revealed.file!.contentBase64, "base64").equals(bytes)).toBe(true);
    const [view] = await listSecrets(db, ownerCtx);
    expect(view!.versions.map((version) => version.file)).toEqual([
      { name: "service-account.json", contentType: "application/json", size: bytes.length },
      null,
    ]);
    const [row] = await db.secretVersion.findMany({ where: { secretId: secret.id, version: 2 } });
    expect(row!.ciphertext).not.toContain(file.contentBase64);
    expect((await entriesOf(owner.org.id, "secret.revealed")).map((entry) => entry.metadata)).toEqual([
      { name: "GCP_KEY", version: 2 },
    ]);
    // The same step-up as a string value.
    const base = orgContextFor(owner, owner.org);
    const stale = { ...base, principal: { ...base.principal, sessionId: randomUUID() } };
    await expect(db.$transaction((tx) => revealSecret(tx, stale, { secretId: secret.id }))).rejects.toMatchObject({
      code: "step_up_required",
    });
  });

  it("refuses a file over 64 KB, an empty one, a bad name or type, and a value and a file at once", async () => {
    const { ownerCtx } = await orgWithMember();
    const at = (size: number) => Buffer.alloc(size, 7).toString("base64");
    const create = (name: string, input: object) =>
      db.$transaction((tx) => createSecret(tx, ownerCtx, { name, ...input }));
    await expect(create("full", { file: { name: "f.bin", contentBase64: at(64 * 1024) } })).resolves.toMatchObject({
      name: "full",
    });
    const refusals = [
      [{ file: { name: "f.bin", contentBase64: at(64 * 1024 + 1) } }, "The file is larger than 64 KB (65,536 bytes)."],
      [{ file: { name: "f.bin", contentBase64: "" } }, "The file is empty."],
      [{ file: { name: "../f.bin", contentBase64: at(3) } }, "A file name without slashes or control characters."],
      [{ file: { name: "f.bin", contentType: "nope", contentBase64: at(3) } }, "A media type such as"],
      [{ file: { name: "f.bin", contentBase64: "not base64!" } }, "base64"],
      [{ value: "x", file: { name: "f.bin", contentBase64: at(3) } }, "Give a value or a file (one of them)."],
      [{}, "Give a value or a file (one of them)."],
    ] as const;
    for (const [input, message] of refusals) await expect(create("over", input)).rejects.toThrow(message);
    expect(await db.secret.count({ where: { orgId: ownerCtx.org.id, name: "over" } })).toBe(0);
  });

  it("creates, versions and reveals, each on the record without the value", async () => {
    const { owner, ownerCtx } = await orgWithMember();
    const [v1, v2] = [secretValue(), secretValue()];
    const secret = await db.$transaction((tx) => createSecret(tx, ownerCtx, { name: "STRIPE_KEY", value: v1 }));
    await db.$transaction((tx) => updateSecret(tx, ownerCtx, { secretId: secret.id, value: v2 }));
    const current = await db.$transaction((tx) => revealSecret(tx, ownerCtx, { secretId: secret.id }));
    expect(current).toEqual({ name: "STRIPE_KEY", version: 2, value: v2 });
    const first = await db.$transaction((tx) => revealSecret(tx, ownerCtx, { secretId: secret.id, version: 1 }));
    expect(first.value).toBe(v1);
    const [view] = await listSecrets(db, ownerCtx);
    expect(view).toMatchObject({ name: "STRIPE_KEY", currentVersion: 2, lastRevealedBy: owner.user.email });
    expect(view!.versions.map((version) => version.version)).toEqual([2, 1]);
    const entries = await db.auditEntry.findMany({
      where: { orgId: owner.org.id, action: { startsWith: "secret." } },
      orderBy: { seq: "asc" },
    });
    expect(entries.map((entry) => entry.action)).toEqual([
      "secret.created",
      "secret.updated",
      "secret.revealed",
      "secret.revealed",
    ]);
    expect(entries.every((entry) => entry.category === "credentials")).toBe(true);
    const text = JSON.stringify(entries, (_, field) => (typeof field === "bigint" ? String(field) : field));
    expect(text).not.toContain(v1);
    expect(text).not.toContain(v2);
  });

  it("asks for a recent step-up before a reveal", async () => {
    const { owner, ownerCtx } = await orgWithMember();
    const secret = await db.$transaction((tx) => createSecret(tx, ownerCtx, { name: "db", value: secretValue() }));
    const base = orgContextFor(owner, owner.org);
    const stale = { ...base, principal: { ...base.principal, sessionId: randomUUID() } };
    await expect(db.$transaction((tx) => revealSecret(tx, stale, { secretId: secret.id }))).rejects.toMatchObject({
      code: "step_up_required",
    });
    expect(await entriesOf(owner.org.id, "secret.revealed")).toHaveLength(0);
  });

  it("lets a member reveal only what is shared with them or their role, and only the current version", async () => {
    const { owner, member, ownerCtx, memberCtx } = await orgWithMember();
    const value = secretValue();
    const secret = await db.$transaction((tx) => createSecret(tx, ownerCtx, { name: "deploy", value: secretValue() }));
    await db.$transaction((tx) => updateSecret(tx, ownerCtx, { secretId: secret.id, value }));
    const hidden = await db.$transaction((tx) => createSecret(tx, ownerCtx, { name: "hidden", value: secretValue() }));
    expect(await listSecrets(db, memberCtx)).toEqual([]);
    await expect(db.$transaction((tx) => revealSecret(tx, memberCtx, { secretId: secret.id }))).rejects.toMatchObject({
      code: "not_found",
    });

    const share = await db.$transaction((tx) =>
      shareSecret(tx, ownerCtx, { secretId: secret.id, with: { kind: "user", userId: member.user.id } }),
    );
    expect((await listSecrets(db, memberCtx)).map((view) => view.name)).toEqual(["deploy"]);
    expect((await db.$transaction((tx) => revealSecret(tx, memberCtx, { secretId: secret.id }))).value).toBe(value);
    await expect(
      db.$transaction((tx) => revealSecret(tx, memberCtx, { secretId: secret.id, version: 1 })),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(db.$transaction((tx) => revealSecret(tx, memberCtx, { secretId: hidden.id }))).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(
      db.$transaction((tx) =>
        shareSecret(tx, memberCtx, { secretId: secret.id, with: { kind: "role", role: "MEMBER" } }),
      ),
    ).rejects.toMatchObject({ code: "forbidden" });

    await db.$transaction((tx) => unshareSecret(tx, ownerCtx, { secretId: secret.id, shareId: share.id }));
    await expect(db.$transaction((tx) => revealSecret(tx, memberCtx, { secretId: secret.id }))).rejects.toMatchObject({
      code: "not_found",
    });
    await db.$transaction((tx) =>
      shareSecret(tx, ownerCtx, { secretId: secret.id, with: { kind: "role", role: "MEMBER" } }),
    );
    expect((await db.$transaction((tx) => revealSecret(tx, memberCtx, { secretId: secret.id }))).value).toBe(value);
    const actions = (
      await db.auditEntry.findMany({
        where: { orgId: owner.org.id, action: { in: ["secret.shared", "secret.unshared"] } },
        orderBy: { seq: "asc" },
      })
    ).map((entry) => [entry.action, (entry.metadata as { with: string }).with]);
    expect(actions).toEqual([
      ["secret.shared", "user"],
      ["secret.unshared", "user"],
      ["secret.shared", "role"],
    ]);
  });

  it("answers another organization's secret like an unknown one, and flags the probe", async () => {
    const { ownerCtx } = await orgWithMember();
    const other = await createOwner();
    const otherCtx = await steppedUp(db, orgContextFor(other, other.org));
    const secret = await db.$transaction((tx) => createSecret(tx, ownerCtx, { name: "mine", value: secretValue() }));
    await expect(db.$transaction((tx) => revealSecret(tx, otherCtx, { secretId: secret.id }))).rejects.toMatchObject({
      code: "not_found",
      denial: { crossTenant: true },
    });
    await expect(db.$transaction((tx) => deleteSecret(tx, otherCtx, { id: secret.id }))).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("refuses a taken name and bad input", async () => {
    const { ownerCtx } = await orgWithMember();
    await db.$transaction((tx) => createSecret(tx, ownerCtx, { name: "twice", value: "x" }));
    await expect(
      db.$transaction((tx) => createSecret(tx, ownerCtx, { name: "twice", value: "y" })),
    ).rejects.toMatchObject({ code: "conflict" });
    await expect(
      db.$transaction((tx) => createSecret(tx, ownerCtx, { name: "bad name", value: "y" })),
    ).rejects.toThrow();
    await expect(
      db.$transaction((tx) => createSecret(tx, ownerCtx, { name: "big", value: "x".repeat(64 * 1024 + 1) })),
    ).rejects.toThrow();
  });

  it("soft-deletes, restores within 30 days, and destroys after", async () => {
    const { owner, ownerCtx } = await orgWithMember();
    const secret = await db.$transaction((tx) => createSecret(tx, ownerCtx, { name: "old", value: secretValue() }));
    await db.$transaction((tx) => deleteSecret(tx, ownerCtx, { id: secret.id }));
    expect(await listSecrets(db, ownerCtx)).toEqual([]);
    await expect(db.$transaction((tx) => revealSecret(tx, ownerCtx, { secretId: secret.id }))).rejects.toMatchObject({
      code: "not_found",
    });
    await db.$transaction((tx) => restoreSecret(tx, ownerCtx, { secretId: secret.id }));
    expect((await db.$transaction((tx) => revealSecret(tx, ownerCtx, { secretId: secret.id }))).name).toBe("old");

    const deletedAt = new Date(Date.now() - 31 * 24 * 60 * 60 * 1000);
    await db.$transaction((tx) => deleteSecret(tx, ownerCtx, { id: secret.id }, deletedAt));
    await expect(db.$transaction((tx) => restoreSecret(tx, ownerCtx, { secretId: secret.id }))).rejects.toMatchObject({
      code: "conflict",
    });
    expect(await destroyDeletedSecrets(db, { orgIds: [owner.org.id] })).toBe(1);
    expect(await db.secretVersion.count({ where: { secretId: secret.id } })).toBe(0);
    const [destroyed] = await entriesOf(owner.org.id, "secret.destroyed");
    expect(destroyed).toMatchObject({ metadata: { name: "old", versions: 1 }, actorType: "system" });
  });
});
