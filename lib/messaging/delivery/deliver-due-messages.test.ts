import twilioSdk from "twilio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as statusCallback } from "@/app/api/webhooks/twilio/[orgSlug]/status/route";
import type { Db } from "@/lib/db/client";
import { testDb } from "@/lib/testing/database";
import {
  consentingContact,
  entriesOf,
  messagingOrg,
  queuedMessage,
  storeTwilioSecrets,
} from "@/lib/testing/messaging-fixtures";
import { startTwilioStandIn, twilioTestAccount, type TwilioStandIn } from "@/lib/testing/twilio-stand-in";
import { messageDeliveryJob, runWorker } from "@/lib/worker/worker";
import { deliverDueMessages } from "./deliver-due-messages";
import { MAX_SEND_ATTEMPTS } from "./retry-schedule";

/** A Wednesday, 14:00 in New York (in every window), and 03:00 the same night (in none). */
const AFTERNOON = new Date("2026-12-09T19:00:00Z");
const NIGHT = new Date("2026-12-09T08:00:00Z");
const FROM = "+15005550006";

let db: Db;
let twilio: TwilioStandIn;
const account = twilioTestAccount();
beforeAll(async () => {
  db = testDb();
  twilio = await startTwilioStandIn(account);
});
afterAll(() => twilio.close());

/** One pass of the worker at `now`, limited to `orgId` (the database is shared with other files). */
const pass = (orgId: string, now: Date) =>
  deliverDueMessages(db, { orgIds: [orgId], now: () => now, twilioApiUrl: twilio.url });

async function twilioOrg() {
  const owner = await messagingOrg(db, { sender: "twilio" });
  await storeTwilioSecrets(db, owner, { ...account, from: FROM });
  return owner;
}

describe("the delivery worker", () => {
  it("re-runs the whole gate at send time: consent revoked after a reschedule blocks the message, on the record", async () => {
    const { org } = await twilioOrg();
    const { contact, phone, consent } = await consentingContact(db, org.id);
    const message = await queuedMessage(db, org.id, { to: phone, contactId: contact.id, sendAfter: NIGHT });

    expect(await pass(org.id, NIGHT)).toMatchObject({ claimed: 1, rescheduled: 1 });
    const queued = await db.messagingMessage.findUniqueOrThrow({ where: { id: message.id } });
    expect(queued.status).toBe("scheduled");
    expect(queued.sendAfter!.getTime()).toBeGreaterThan(NIGHT.getTime());

    await db.messagingConsent.update({ where: { id: consent!.id }, data: { revokedAt: NIGHT, revokedBy: "test" } });
    const sentBefore = twilio.received.length;
    expect(await pass(org.id, queued.sendAfter!)).toMatchObject({ claimed: 1, blocked: 1, sent: 0 });

    const blocked = await db.messagingMessage.findUniqueOrThrow({ where: { id: message.id } });
    expect(blocked).toMatchObject({ status: "blocked", sentAt: null, providerMessageId: null });
    const decision = await db.messagingDecision.findUniqueOrThrow({ where: { id: blocked.lastDecisionId! } });
    expect(decision).toMatchObject({ decision: "block", messageId: message.id, phoneE164: phone });
    expect(decision.reason).toMatch(/consent/);
    const [entry] = await entriesOf(db, org.id, "message.blocked");
    expect(entry.metadata).toMatchObject({ decisionId: decision.id, messageId: message.id, via: "worker" });
    expect(JSON.stringify(entry.metadata)).not.toContain(message.body);
    expect(twilio.received.length).toBe(sentBefore);
  });

  it("sends an allowed message through Twilio with To, From and Body, and records message.sent", async () => {
    const { org } = await twilioOrg();
    const { contact, phone } = await consentingContact(db, org.id);
    const message = await queuedMessage(db, org.id, { to: phone, contactId: contact.id, sendAfter: AFTERNOON });
    const before = twilio.received.length;

    expect(await pass(org.id, AFTERNOON)).toMatchObject({ claimed: 1, sent: 1 });

    const [request] = twilio.received.slice(before);
    expect(request.form).toEqual({ To: phone, From: FROM, Body: message.body });
    const sent = await db.messagingMessage.findUniqueOrThrow({ where: { id: message.id } });
    expect(sent).toMatchObject({ status: "sent", sender: "twilio", attempts: 1, lastError: null, sentAt: AFTERNOON });
    expect(sent.providerMessageId).toMatch(/^SM[0-9a-f]{32}$/);
    const [entry] = await entriesOf(db, org.id, "message.sent");
    expect(entry.actorType).toBe("system");
    expect(entry.metadata).toMatchObject({
      messageId: message.id,
      phone,
      sender: "twilio",
      providerMessageId: sent.providerMessageId,
      decisionId: sent.lastDecisionId,
    });
    expect(JSON.stringify(entry.metadata)).not.toContain(message.body);
    expect(await entriesOf(db, org.id, "message.allowed")).toHaveLength(1);
  });

  it("retries a provider 5xx with backoff, re-gating each time, then fails it with message.send_failed", async () => {
    const { org } = await twilioOrg();
    const { contact, phone } = await consentingContact(db, org.id);
    const message = await queuedMessage(db, org.id, { to: phone, contactId: contact.id, sendAfter: AFTERNOON });
    twilio.failNext({ status: 503, code: 20503, message: "Service unavailable" }, MAX_SEND_ATTEMPTS);

    let now = AFTERNOON;
    for (let attempt = 1; attempt < MAX_SEND_ATTEMPTS; attempt++) {
      expect(await pass(org.id, now)).toMatchObject({ claimed: 1, retried: 1 });
      const retried = await db.messagingMessage.findUniqueOrThrow({ where: { id: message.id } });
      expect(retried).toMatchObject({
        status: "scheduled",
        attempts: attempt,
        lastError: "Twilio answered 503 (Twilio error 20503)",
      });
      expect(retried.sendAfter!.getTime()).toBeGreaterThan(now.getTime());
      expect(await pass(org.id, new Date(retried.sendAfter!.getTime() - 1000))).toMatchObject({ claimed: 0 });
      now = retried.sendAfter!;
    }
    expect(await pass(org.id, now)).toMatchObject({ claimed: 1, failed: 1 });

    const failed = await db.messagingMessage.findUniqueOrThrow({ where: { id: message.id } });
    expect(failed).toMatchObject({ status: "failed", attempts: MAX_SEND_ATTEMPTS, sentAt: null });
    const entries = await entriesOf(db, org.id, "message.send_failed");
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ outcome: "failure" });
    expect(entries[0].metadata).toMatchObject({ messageId: message.id, attempts: MAX_SEND_ATTEMPTS, sender: "twilio" });
    expect(await entriesOf(db, org.id, "message.allowed")).toHaveLength(MAX_SEND_ATTEMPTS);
  });

  it("asks for Twilio's status callback behind https, and fails a message Twilio reports undelivered", async () => {
    const { org } = await twilioOrg();
    const { contact, phone } = await consentingContact(db, org.id);
    const message = await queuedMessage(db, org.id, { to: phone, contactId: contact.id, sendAfter: AFTERNOON });
    const saved = process.env.NEXTAUTH_URL;
    process.env.NEXTAUTH_URL = "https://verity.example.test";
    try {
      const before = twilio.received.length;
      expect(await pass(org.id, AFTERNOON)).toMatchObject({ sent: 1 });
      const callbackUrl = `https://verity.example.test/api/webhooks/twilio/${org.slug}/status`;
      expect(twilio.received[before].form.StatusCallback).toBe(callbackUrl);
      const sent = await db.messagingMessage.findUniqueOrThrow({ where: { id: message.id } });
      const form = {
        AccountSid: account.accountSid,
        MessageSid: sent.providerMessageId!,
        MessageStatus: "undelivered",
        ErrorCode: "30003",
      };
      const post = (signature: string | null) =>
        statusCallback(
          new Request(`http://10.0.0.5:3000/api/webhooks/twilio/${org.slug}/status`, {
            method: "POST",
            body: new URLSearchParams(form).toString(),
            headers: {
              "content-type": "application/x-www-form-urlencoded",
              ...(signature ? { "x-twilio-signature": signature } : {}),
            },
          }),
          { params: Promise.resolve({ orgSlug: org.slug }) },
        );
      expect((await post(null)).status).toBe(403);
      expect((await db.messagingMessage.findUniqueOrThrow({ where: { id: message.id } })).status).toBe("sent");
      const signature = twilioSdk.getExpectedTwilioSignature(account.authToken, callbackUrl, form);
      expect((await post(signature)).status).toBe(200);
      const failed = await db.messagingMessage.findUniqueOrThrow({ where: { id: message.id } });
      expect(failed).toMatchObject({
        status: "failed",
        lastError: "Twilio reported the message undelivered (Twilio error 30003)",
      });
      const [entry] = await entriesOf(db, org.id, "message.send_failed");
      expect(entry.metadata).toMatchObject({ messageId: message.id, providerMessageId: sent.providerMessageId });
    } finally {
      if (saved === undefined) delete process.env.NEXTAUTH_URL;
      else process.env.NEXTAUTH_URL = saved;
    }
  });

  it("fails a provider 4xx at once: permanent, never retried", async () => {
    const { org } = await twilioOrg();
    const { contact, phone } = await consentingContact(db, org.id);
    const message = await queuedMessage(db, org.id, { to: phone, contactId: contact.id, sendAfter: AFTERNOON });
    twilio.failNext({ status: 400, code: 21610, message: "Attempt to send to unsubscribed recipient" });

    expect(await pass(org.id, AFTERNOON)).toMatchObject({ claimed: 1, failed: 1 });
    const failed = await db.messagingMessage.findUniqueOrThrow({ where: { id: message.id } });
    expect(failed).toMatchObject({
      status: "failed",
      attempts: 1,
      lastError: "Twilio answered 400 (Twilio error 21610)",
    });
    const [entry] = await entriesOf(db, org.id, "message.send_failed");
    expect(entry.metadata).toMatchObject({ messageId: message.id, attempts: 1, error: failed.lastError });
    expect(await pass(org.id, new Date(AFTERNOON.getTime() + 3600_000))).toMatchObject({ claimed: 0 });
  });

  it("fails a message at once when the sender is Twilio but its secrets are missing", async () => {
    const { org } = await messagingOrg(db, { sender: "twilio" });
    const { contact, phone } = await consentingContact(db, org.id);
    const message = await queuedMessage(db, org.id, { to: phone, contactId: contact.id, sendAfter: AFTERNOON });
    expect(await pass(org.id, AFTERNOON)).toMatchObject({ failed: 1 });
    const failed = await db.messagingMessage.findUniqueOrThrow({ where: { id: message.id } });
    expect(failed.lastError).toMatch(/TWILIO_ACCOUNT_SID/);
  });

  it("runs as the worker's job: the local outbox marks an allowed message sent with a local id", async () => {
    const { org } = await messagingOrg(db);
    const { contact, phone } = await consentingContact(db, org.id);
    const message = await queuedMessage(db, org.id, { to: phone, contactId: contact.id, sendAfter: AFTERNOON });
    const job = messageDeliveryJob({ orgIds: [org.id], now: () => AFTERNOON });
    const stop = new AbortController();
    const worker = runWorker({ db, signal: stop.signal, jobs: [job], log: () => {} });
    try {
      await expect
        .poll(async () => (await db.messagingMessage.findUniqueOrThrow({ where: { id: message.id } })).status, {
          timeout: 30_000,
        })
        .toBe("sent");
    } finally {
      stop.abort();
      await worker;
    }
    const sent = await db.messagingMessage.findUniqueOrThrow({ where: { id: message.id } });
    expect(sent).toMatchObject({ sender: "outbox", providerMessageId: `outbox_${message.id}` });
    expect(await entriesOf(db, org.id, "message.sent")).toHaveLength(1);
  });

  it("lets workers side by side claim each due message once (SKIP LOCKED): none is ever sent twice", async () => {
    const { org } = await messagingOrg(db);
    const { contact, phone } = await consentingContact(db, org.id);
    const messages = await Promise.all(
      Array.from({ length: 12 }, () =>
        queuedMessage(db, org.id, { to: phone, contactId: contact.id, sendAfter: AFTERNOON }),
      ),
    );
    const passes = await Promise.all(
      [0, 1, 2].map(() => deliverDueMessages(db, { orgIds: [org.id], now: () => AFTERNOON, limit: 5, concurrency: 2 })),
    );
    // Disjoint claims: twelve due messages, claimed twelve times in all by three passes at once.
    expect(passes.reduce((sum, one) => sum + one.claimed, 0)).toBe(messages.length);
    const sentIds = (await entriesOf(db, org.id, "message.sent")).map(
      (entry) => (entry.metadata as { messageId: string }).messageId,
    );
    expect(new Set(sentIds).size).toBe(sentIds.length);
    expect(sentIds.length).toBe(passes.reduce((sum, one) => sum + one.sent, 0));
    // Under load a transaction may not start (back to scheduled, nothing decided) or a check may time out (blocked,
    // failing closed): every message is accounted for, and none was sent without its entry.
    const rows = await db.messagingMessage.findMany({ where: { orgId: org.id }, select: { id: true, status: true } });
    expect(
      rows
        .filter((row) => row.status === "sent")
        .map((row) => row.id)
        .sort(),
    ).toEqual([...sentIds].sort());
    expect(rows.every((row) => ["sent", "blocked", "scheduled"].includes(row.status))).toBe(true);
  });

  it("fails, without sending again, a message whose worker stopped mid-send (lease expired)", async () => {
    const { org } = await messagingOrg(db);
    const { contact, phone } = await consentingContact(db, org.id);
    const message = await db.messagingMessage.create({
      data: { orgId: org.id, contactId: contact.id, toE164: phone, body: "x", status: "sending", sendAfter: NIGHT },
    });
    expect(await pass(org.id, AFTERNOON)).toMatchObject({ lost: 1, claimed: 0 });
    const lost = await db.messagingMessage.findUniqueOrThrow({ where: { id: message.id } });
    expect(lost).toMatchObject({ status: "failed", sentAt: null });
    const [entry] = await entriesOf(db, org.id, "message.send_failed");
    expect(entry.metadata).toMatchObject({ messageId: message.id, error: expect.stringMatching(/outcome unknown/) });
  });
});
