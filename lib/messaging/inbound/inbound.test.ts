import twilio from "twilio";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { POST as inboundRoute } from "@/app/api/v1/messages/inbound/route";
import { POST as twilioWebhook } from "@/app/api/webhooks/twilio/[orgSlug]/inbound/route";
import type { Db } from "@/lib/db/client";
import { panelOrigin } from "@/lib/http/panel-origin";
import { callApi, createTestKey } from "@/lib/testing/api";
import { testDb } from "@/lib/testing/database";
import {
  consentingContact,
  entriesOf,
  messagingOrg,
  newYorkNumber,
  queuedMessage,
  storeTwilioSecrets,
} from "@/lib/testing/messaging-fixtures";
import { twilioTestAccount } from "@/lib/testing/twilio-stand-in";
import { RECORDED_REFUSALS_PER_MINUTE } from "../delivery/twilio-refusals";
import { OPT_OUT_KEYWORDS, replyKeywordOf } from "./reply-keywords";

let db: Db;
beforeAll(() => {
  db = testDb();
});

const LATER = new Date("2026-12-10T15:00:00Z");

async function sendingTeam() {
  const owner = await messagingOrg(db);
  const { key } = await createTestKey(db, owner, owner.org, { scopes: ["messaging.manage", "messaging.read"] });
  return { ...owner, key };
}

const reply = (key: string, body: unknown) => callApi(inboundRoute, "/messages/inbound", { key, method: "POST", body });

describe("the opt-out keywords", () => {
  it("are the whole message, trimmed, in any case; anything more is a reply", () => {
    for (const keyword of OPT_OUT_KEYWORDS) {
      expect(replyKeywordOf(keyword)).toBe(keyword);
      expect(replyKeywordOf(`  ${keyword.toLowerCase()}\n`)).toBe(keyword);
    }
    expect(replyKeywordOf("Stop")).toBe("STOP");
    expect(replyKeywordOf("please stop")).toBeNull();
    expect(replyKeywordOf("STOP!")).toBeNull();
    expect(replyKeywordOf("stopping")).toBeNull();
    expect(replyKeywordOf("unstop")).toBe("UNSTOP");
  });
});

describe("POST /api/v1/messages/inbound", () => {
  it("STOP opts the number out at once and cancels its pending messages, each on the record", async () => {
    const { org, key } = await sendingTeam();
    const { contact, phone } = await consentingContact(db, org.id);
    const pending = [
      await queuedMessage(db, org.id, { to: phone, contactId: contact.id, sendAfter: LATER }),
      await queuedMessage(db, org.id, { to: phone, contactId: contact.id, sendAfter: LATER }),
    ];
    const other = await consentingContact(db, org.id);
    const untouched = await queuedMessage(db, org.id, {
      to: other.phone,
      contactId: other.contact.id,
      sendAfter: LATER,
    });

    const answer = await reply(key, { from: phone, text: " stop ", providerMessageId: "SMinbound0001" });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ from: phone, keyword: "STOP", optedOut: true, cancelledMessages: 2 });

    const optedOut = await db.messagingContact.findUniqueOrThrow({ where: { id: contact.id } });
    expect(optedOut).toMatchObject({ optOutChannel: "sms", optOutKeyword: "STOP" });
    expect(optedOut.optedOutAt).not.toBeNull();
    for (const message of pending)
      expect((await db.messagingMessage.findUniqueOrThrow({ where: { id: message.id } })).status).toBe("cancelled");
    expect((await db.messagingMessage.findUniqueOrThrow({ where: { id: untouched.id } })).status).toBe("scheduled");

    const [optOut] = await entriesOf(db, org.id, "contact.opted_out");
    expect(optOut.metadata).toEqual({ phone, channel: "sms", keyword: "STOP", cancelledMessages: 2 });
    const cancelled = await entriesOf(db, org.id, "message.cancelled");
    expect(cancelled.map((entry) => (entry.metadata as { messageId: string }).messageId).sort()).toEqual(
      pending.map((message) => message.id).sort(),
    );
    const [received] = await entriesOf(db, org.id, "inbound.received");
    expect(received.metadata).toMatchObject({ phone, keyword: "STOP", providerMessageId: "SMinbound0001" });
    expect(received.actorType).toBe("api_key");
    const inbound = await db.messagingInbound.findFirstOrThrow({ where: { orgId: org.id, fromE164: phone } });
    expect(inbound).toMatchObject({ body: " stop ", keyword: "STOP" });

    const again = await reply(key, { from: phone, text: "STOP", providerMessageId: "SMinbound0001" });
    expect(again.body).toMatchObject({ duplicate: true, optedOut: true });
    expect(await db.messagingInbound.count({ where: { orgId: org.id, fromE164: phone } })).toBe(1);
  });

  it("records a reply without its text in the trail, and opts nobody out for a sentence", async () => {
    const { org, key } = await sendingTeam();
    const { contact, phone } = await consentingContact(db, org.id);
    const answer = await reply(key, { from: phone, text: "Please stop by at 3 with the contract" });
    expect(answer.body).toMatchObject({ keyword: null, optedOut: false, cancelledMessages: 0, duplicate: false });
    expect((await db.messagingContact.findUniqueOrThrow({ where: { id: contact.id } })).optedOutAt).toBeNull();
    const [received] = await entriesOf(db, org.id, "inbound.received");
    expect(JSON.stringify(received.metadata)).not.toContain("contract");
    expect(received.metadata).toMatchObject({ contactId: contact.id, keyword: null });
  });

  it("remembers a STOP from a number that is not yet a contact: the opt-out holds when it is added", async () => {
    const { org, key } = await sendingTeam();
    const phone = newYorkNumber();
    expect((await reply(key, { from: phone, text: "QUIT" })).body).toMatchObject({ optedOut: true });
    const contact = await db.messagingContact.findUniqueOrThrow({
      where: { orgId_phoneE164: { orgId: org.id, phoneE164: phone } },
    });
    expect(contact).toMatchObject({ optOutKeyword: "QUIT", optOutChannel: "sms" });
  });

  it("lifts an opt-out on START only while an SMS consent is on file", async () => {
    const { org, key } = await sendingTeam();
    const withConsent = await consentingContact(db, org.id);
    const withoutConsent = await consentingContact(db, org.id, { consent: false });
    for (const { phone } of [withConsent, withoutConsent]) await reply(key, { from: phone, text: "STOP" });

    expect((await reply(key, { from: withConsent.phone, text: "start" })).body).toMatchObject({ optedOut: false });
    expect((await reply(key, { from: withoutConsent.phone, text: "UNSTOP" })).body).toMatchObject({ optedOut: true });
    const [optedIn] = await entriesOf(db, org.id, "contact.opted_in");
    expect(optedIn.metadata).toEqual({ phone: withConsent.phone, channel: "sms", keyword: "START" });
    expect(await entriesOf(db, org.id, "contact.opted_in")).toHaveLength(1);
  });

  it("refuses a bad number and a body of the wrong shape with 400, recording nothing", async () => {
    const { org, key } = await sendingTeam();
    expect((await reply(key, { from: "not a number", text: "STOP" })).status).toBe(400);
    expect((await reply(key, { from: newYorkNumber(), text: "STOP", extra: 1 })).status).toBe(400);
    expect((await reply(key, { from: newYorkNumber() })).status).toBe(400);
    expect(await db.messagingInbound.count({ where: { orgId: org.id } })).toBe(0);
  });

  it("refuses a key without messaging.manage: a START could lift an opt-out a member may not", async () => {
    const owner = await messagingOrg(db);
    const { key } = await createTestKey(db, owner, owner.org, { scopes: ["messaging.read", "messaging.send"] });
    expect((await reply(key, { from: newYorkNumber(), text: "STOP" })).status).toBe(403);
  });
});

describe("Twilio's inbound webhook", () => {
  const account = twilioTestAccount();

  async function twilioOrg() {
    const owner = await messagingOrg(db, { sender: "twilio" });
    await storeTwilioSecrets(db, owner, { ...account, from: "+15005550006" });
    return owner;
  }

  const call = (slug: string, form: Record<string, string>, signature: string | null) =>
    twilioWebhook(
      new Request(`http://localhost/api/webhooks/twilio/${slug}/inbound`, {
        method: "POST",
        body: new URLSearchParams(form).toString(),
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "x-verity-peer-ip": "198.51.100.9",
          ...(signature === null ? {} : { "x-twilio-signature": signature }),
        },
      }),
      { params: Promise.resolve({ orgSlug: slug }) },
    );
  const signed = (slug: string, form: Record<string, string>, token = account.authToken) =>
    twilio.getExpectedTwilioSignature(token, `${panelOrigin()}/api/webhooks/twilio/${slug}/inbound`, form);

  it("takes a reply whose X-Twilio-Signature checks out with the org's Auth Token: STOP opts out", async () => {
    const { org } = await twilioOrg();
    const { contact, phone } = await consentingContact(db, org.id);
    const pending = await queuedMessage(db, org.id, { to: phone, contactId: contact.id, sendAfter: LATER });
    const form = {
      AccountSid: account.accountSid,
      MessageSid: "SMtwilio0001",
      From: phone,
      To: "+15005550006",
      Body: "Stop",
    };

    const response = await call(org.slug, form, signed(org.slug, form));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/text\/xml/);
    expect((await db.messagingContact.findUniqueOrThrow({ where: { id: contact.id } })).optOutKeyword).toBe("STOP");
    expect((await db.messagingMessage.findUniqueOrThrow({ where: { id: pending.id } })).status).toBe("cancelled");
    const [received] = await entriesOf(db, org.id, "inbound.received");
    expect(received).toMatchObject({ actorType: "system", actorDisplay: expect.stringMatching(/Twilio/) });
  });

  it("refuses a call without a signature, with a wrong one, or for an org without Twilio, all alike, writing nothing", async () => {
    const { org } = await twilioOrg();
    const { phone } = await consentingContact(db, org.id);
    const form = { AccountSid: account.accountSid, MessageSid: "SMtwilio0002", From: phone, Body: "STOP" };
    const outbox = await messagingOrg(db);

    const answers = [
      await call(org.slug, form, null),
      await call(org.slug, form, signed(org.slug, form, "f".repeat(32))),
      await call(org.slug, { ...form, Body: "START" }, signed(org.slug, form)),
      await call(outbox.org.slug, form, signed(outbox.org.slug, form)),
      await call("no-such-org-anywhere", form, signed("no-such-org-anywhere", form)),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([403, 403, 403, 403, 403]);
    const details = await Promise.all(answers.map(async (answer) => (await answer.json()).detail));
    expect(new Set(details).size).toBe(1);
    expect(await db.messagingInbound.count({ where: { orgId: org.id } })).toBe(0);
    expect(await entriesOf(db, org.id, "contact.opted_out")).toHaveLength(0);
  });

  it("puts a refused call on the org's record with its reason (never the signature or form), else in the log", async () => {
    const { org } = await twilioOrg();
    const { phone } = await consentingContact(db, org.id);
    const form = { AccountSid: account.accountSid, MessageSid: "SMtwilio0003", From: phone, Body: "STOP" };
    const forged = signed(org.slug, form, "e".repeat(32));
    const otherAccount = { ...form, AccountSid: `AC${"1".repeat(32)}` };
    const outbox = await messagingOrg(db);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const answers = [
        await call(org.slug, form, null),
        await call(org.slug, form, forged),
        await call(org.slug, otherAccount, signed(org.slug, otherAccount)),
        await call(outbox.org.slug, form, signed(outbox.org.slug, form)),
        await call("no-such-org-at-all", form, signed("no-such-org-at-all", form)),
      ];
      expect(answers.map((answer) => answer.status)).toEqual([403, 403, 403, 403, 403]);

      const refused = await entriesOf(db, org.id, "messaging.webhook_refused");
      expect(refused.map((entry) => entry.metadata)).toEqual([
        { webhook: "inbound", reason: "signature_missing" },
        { webhook: "inbound", reason: "signature_mismatch" },
        { webhook: "inbound", reason: "account_mismatch" },
      ]);
      expect(refused[0]).toMatchObject({
        category: "access",
        outcome: "denied",
        actorType: "system",
        ip: "198.51.100.9",
      });
      const recorded = JSON.stringify(refused, (_, value: unknown) =>
        typeof value === "bigint" ? String(value) : value,
      );
      expect(recorded).not.toContain(forged);
      expect(recorded).not.toContain(account.authToken);
      expect(recorded).not.toContain("STOP");
      const [unconfigured] = await entriesOf(db, outbox.org.id, "messaging.webhook_refused");
      expect(unconfigured?.metadata).toEqual({ webhook: "inbound", reason: "twilio_not_configured" });

      // No organization by that name: one line in the server log, without the signature or the form.
      const logged = warn.mock.calls
        .map((args) => args.join(" "))
        .filter((line) => line.includes("no-such-org-at-all"));
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatch(/Twilio inbound webhook refused/);
      expect(logged[0]).not.toContain(form.MessageSid);
    } finally {
      warn.mockRestore();
    }
  });

  it("records at most RECORDED_REFUSALS_PER_MINUTE refusals a minute for one org, then one entry saying the rest are not", async () => {
    const { org } = await twilioOrg();
    const form = { AccountSid: account.accountSid, MessageSid: "SMtwilio0004", From: "+15005550006", Body: "STOP" };
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const statuses: number[] = [];
      for (let n = 0; n < RECORDED_REFUSALS_PER_MINUTE + 5; n++)
        statuses.push((await call(org.slug, form, null)).status);
      expect(new Set(statuses)).toEqual(new Set([403]));
      expect(await entriesOf(db, org.id, "messaging.webhook_refused")).toHaveLength(RECORDED_REFUSALS_PER_MINUTE);
      const suppressed = await entriesOf(db, org.id, "messaging.webhook_refusals_suppressed");
      expect(suppressed.map((entry) => entry.metadata)).toEqual([
        { webhook: "inbound", recordedPerMinute: RECORDED_REFUSALS_PER_MINUTE },
      ]);
    } finally {
      warn.mockRestore();
    }
  });
});
