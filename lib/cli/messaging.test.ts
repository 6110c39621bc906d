import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { deliverDueMessages } from "@/lib/messaging/delivery/deliver-due-messages";
import { withFreshDatabase } from "@/lib/testing/database";
import { consentingContact, entriesOf, messagingOrg, queuedMessage } from "@/lib/testing/messaging-fixtures";

const verity = fileURLToPath(new URL("./verity.mjs", import.meta.url));

/** The real `verity messaging kill-switch …`, in its own process, on the database of the moment. */
async function killSwitch(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return promisify(execFile)(process.execPath, [verity, "messaging", "kill-switch", ...args], {
    env: process.env,
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

const AFTERNOON = new Date("2026-12-09T19:00:00Z");

describe("verity messaging kill-switch", () => {
  // A database of its own: the platform switch blocks every organization's messages, and the run's database is shared.
  it("on: the worker blocks everything due at check 1, on the record in the platform trail and the org's; off again", async () => {
    await withFreshDatabase(async (db) => {
      const { org } = await messagingOrg(db);
      const silent = await messagingOrg(db);
      const { contact, phone } = await consentingContact(db, org.id);
      const due = [
        await queuedMessage(db, org.id, { to: phone, contactId: contact.id, sendAfter: AFTERNOON }),
        await queuedMessage(db, org.id, { to: phone, contactId: contact.id, sendAfter: AFTERNOON }),
      ];

      const on = await killSwitch("on", "--reason", "carrier incident 4411");
      expect(on).toMatchObject({ code: 0, stdout: expect.stringMatching(/kill switch is ON/) });
      expect((await killSwitch("on")).stdout).toMatch(/already on/);

      const pass = await deliverDueMessages(db, { orgIds: [org.id], now: () => AFTERNOON });
      expect(pass).toMatchObject({ claimed: 2, blocked: 2, sent: 0 });
      for (const message of due) {
        const blocked = await db.messagingMessage.findUniqueOrThrow({ where: { id: message.id } });
        expect(blocked.status).toBe("blocked");
        const decision = await db.messagingDecision.findUniqueOrThrow({ where: { id: blocked.lastDecisionId! } });
        expect(decision).toMatchObject({ decision: "block", reason: "platform_kill_switch_on" });
      }
      const blockedEntries = await entriesOf(db, org.id, "message.blocked");
      expect(blockedEntries).toHaveLength(2);
      expect(blockedEntries[0].metadata).toMatchObject({ reason: "platform_kill_switch_on", via: "worker" });

      const trail = await db.platformTrailEntry.findMany({
        where: { action: "messaging.kill_switch_changed" },
        orderBy: { seq: "asc" },
      });
      expect(trail).toHaveLength(1);
      expect(trail[0]).toMatchObject({ actorDisplay: expect.stringMatching(/verity CLI/) });
      expect(trail[0].metadata).toEqual({ on: "true", reason: "carrier incident 4411" });
      const [changed] = await entriesOf(db, org.id, "kill_switch.changed");
      expect(changed.metadata).toEqual({ scope: "platform", on: true, reason: "carrier incident 4411" });
      expect(await entriesOf(db, silent.org.id, "kill_switch.changed")).toHaveLength(1);

      expect((await killSwitch("off")).stdout).toMatch(/kill switch is off/);
      expect(await db.messagingPlatformSwitch.findUniqueOrThrow({ where: { id: "platform" } })).toMatchObject({
        on: false,
      });
      expect(await entriesOf(db, org.id, "kill_switch.changed")).toHaveLength(2);
    });
  }, 180_000);

  it("refuses anything but on or off", async () => {
    expect(await killSwitch("maybe")).toMatchObject({ code: 2 });
    expect(await killSwitch()).toMatchObject({ code: 2 });
    expect(await killSwitch("on", "--bogus")).toMatchObject({ code: 2 });
  });
});
