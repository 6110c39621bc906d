import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { listOutboxMessages } from "@/lib/mail";
import { testDb } from "@/lib/testing/database";
import { createOwner, orgContextFor } from "@/lib/testing/factories";
import { runWorker } from "@/lib/worker/worker";
import { createApiKey } from "./create-api-key";
import { revokeApiKey } from "./revoke-api-key";
import { sweepApiKeys } from "./sweep-api-keys";

let db: Db;
beforeAll(() => {
  db = testDb();
});

const DAY = 24 * 3600_000;

describe("the API key sweep", () => {
  it("reminds the creator once, 7 days ahead, and records the expiry once", async () => {
    const owner = await createOwner();
    const ctx = orgContextFor(owner, owner.org);
    const create = (name: string, days: number) =>
      db.$transaction((tx) =>
        createApiKey(tx, ctx, {
          name,
          environment: "test",
          scopes: ["audit.read"],
          readOnly: true,
          expiresInDays: days,
        }),
      );
    const soon = await create("expires soon", 5);
    const later = await create("expires later", 30);
    const revoked = await create("revoked", 5);
    await db.$transaction((tx) => revokeApiKey(tx, ctx, { keyId: revoked.apiKey.id }));

    await sweepApiKeys(db);
    await sweepApiKeys(db);
    const reminders = await db.auditEntry.findMany({
      where: { orgId: owner.org.id, action: "api_key.expiry_reminder" },
    });
    expect(reminders.map((entry) => entry.targetId)).toEqual([soon.apiKey.id]);
    expect(reminders[0].metadata).toMatchObject({ name: "expires soon", daysLeft: 5, notified: owner.user.email });
    expect(reminders[0].actorType).toBe("system");
    const mails = await listOutboxMessages({ db, to: owner.user.email, kind: "api_key_expiry_reminder" });
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('Your API key "expires soon" expires in 5 days');
    expect(mails[0].text).not.toContain(soon.key);

    // Six days on: the first key has expired (recorded once); the second is not yet due a reminder.
    const sixDaysOn = new Date(Date.now() + 6 * DAY);
    await sweepApiKeys(db, sixDaysOn);
    await sweepApiKeys(db, sixDaysOn);
    const expired = await db.auditEntry.findMany({ where: { orgId: owner.org.id, action: "api_key.expired" } });
    expect(expired.map((entry) => entry.targetId)).toEqual([soon.apiKey.id]);
    expect(
      await db.auditEntry.count({
        where: { orgId: owner.org.id, action: "api_key.expiry_reminder", targetId: later.apiKey.id },
      }),
    ).toBe(0);
  });
});

describe("the worker", () => {
  it("runs each job on its interval, survives a failing job, and stops when asked", async () => {
    const runs: string[] = [];
    const logged: string[] = [];
    const stop = new AbortController();
    let listenersLeft = 0;
    const add = stop.signal.addEventListener.bind(stop.signal);
    const remove = stop.signal.removeEventListener.bind(stop.signal);
    stop.signal.addEventListener = ((...args: Parameters<AbortSignal["addEventListener"]>) => (
      listenersLeft++,
      add(...args)
    )) as AbortSignal["addEventListener"];
    stop.signal.removeEventListener = ((...args: Parameters<AbortSignal["removeEventListener"]>) => (
      listenersLeft--,
      remove(...args)
    )) as AbortSignal["removeEventListener"];
    const worker = runWorker({
      db,
      signal: stop.signal,
      log: (line) => logged.push(line),
      jobs: [
        { name: "tick", everyMs: 10, run: async () => void runs.push("tick") },
        {
          name: "broken",
          everyMs: 10,
          run: async () => {
            throw new Error("receiver down");
          },
        },
      ],
    });
    await new Promise((resolve) => setTimeout(resolve, 80));
    stop.abort();
    await worker;
    const ticks = runs.length;
    // Each pause cleans up after itself: nothing is left listening on the signal.
    expect(listenersLeft).toBe(0);
    expect(ticks).toBeGreaterThanOrEqual(3);
    expect(logged[0]).toBe("worker: broken failed: receiver down");
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(runs.length).toBe(ticks);
  });
});
