import { beforeAll, describe, expect, it } from "vitest";
import { PATCH as patchCampaign } from "@/app/api/v1/campaigns/[id]/route";
import { GET as listCampaigns, POST as postCampaign } from "@/app/api/v1/campaigns/route";
import { POST as revokeConsent } from "@/app/api/v1/contacts/[id]/consents/[consentId]/revoke/route";
import { GET as listConsents, POST as postConsent } from "@/app/api/v1/contacts/[id]/consents/route";
import { DELETE as deleteContact, GET as getContact, PATCH as patchContact } from "@/app/api/v1/contacts/[id]/route";
import { GET as listContacts, POST as postContact } from "@/app/api/v1/contacts/route";
import { DELETE as deleteDnc } from "@/app/api/v1/dnc/[phone]/route";
import { GET as listDnc, POST as postDnc } from "@/app/api/v1/dnc/route";
import { POST as checkMessage } from "@/app/api/v1/messages/check/route";
import { GET as listMessages, POST as postMessage } from "@/app/api/v1/messages/route";
import { GET as getKillSwitch, PUT as putKillSwitch } from "@/app/api/v1/messaging/kill-switch/route";
import { GET as getSender, PUT as putSender } from "@/app/api/v1/messaging/sender/route";
import type { Db } from "@/lib/db/client";
import type { Permission } from "@/lib/rbac/permissions";
import { callApi, createTestKey } from "@/lib/testing/api";
import { testDb } from "@/lib/testing/database";
import { messagingOrg, testPhone } from "@/lib/testing/messaging";
import { storeTwilioSecrets } from "@/lib/testing/messaging-fixtures";

let db: Db;
beforeAll(() => {
  db = testDb();
});

const ALL: Permission[] = ["messaging.read", "messaging.send", "messaging.manage", "messaging.kill_switch"];

async function orgWithKey(scopes: Permission[] = ALL) {
  const org = await messagingOrg();
  const { key } = await createTestKey(db, org.owner, org.org, { scopes });
  return { ...org, key };
}

/**
 * A zone whose wall clock reads `hour` o'clock now (Etc/GMT-N is UTC+N), so gate decisions made at the real
 * time are in or out of hours on purpose. With state CA only the federal 8:00–21:00 window applies.
 */
function zoneAt(hour: number): string {
  let offset = hour - new Date().getUTCHours();
  if (offset > 14) offset -= 24;
  if (offset < -12) offset += 24;
  return offset === 0 ? "Etc/GMT" : `Etc/GMT${offset > 0 ? "-" : "+"}${Math.abs(offset)}`;
}

const consent = { source: "signup form", textShown: "Yes, text me.", grantedAt: "2026-01-05T10:00:00Z", formId: "f-1" };

async function contactVia(key: string, extra: Record<string, unknown> = {}) {
  const response = await callApi(postContact, "/contacts", {
    key,
    method: "POST",
    body: { phone: testPhone("213"), name: "Ada", state: "CA", timeZone: zoneAt(12), consent, ...extra },
  });
  expect(response.status, response.text).toBe(201);
  return response.body as { id: string; phone: string; smsConsent: { id: string } | null };
}

describe("/api/v1 messaging", () => {
  it("creates, reads, changes, lists and deletes contacts, phones in E.164, each change on the record", async () => {
    const { key, org } = await orgWithKey();
    const created = await callApi(postContact, "/contacts", {
      key,
      method: "POST",
      body: {
        phone: "(305) 555-0123".replace("555-0123", "661-2345"),
        name: "Grace",
        state: "fl",
        zip: "33101",
        consent,
      },
    });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ phone: "+13056612345", state: "FL", zip: "33101", optedOut: false });
    expect(created.body.smsConsent).toMatchObject({ source: "signup form" });
    const id = created.body.id as string;
    const read = await callApi(getContact, `/contacts/${id}`, { key, params: { id } });
    expect(read.body).toEqual(created.body);
    const duplicate = await callApi(postContact, "/contacts", { key, method: "POST", body: { phone: "+13056612345" } });
    expect(duplicate.status).toBe(409);
    const changed = await callApi(patchContact, `/contacts/${id}`, {
      key,
      method: "PATCH",
      params: { id },
      body: { name: "Grace H.", timeZone: "America/New_York", optedOut: true },
    });
    expect(changed.body).toMatchObject({ name: "Grace H.", timeZone: "America/New_York", optedOut: true });
    const listed = await callApi(listContacts, "/contacts", { key, query: "?q=661&optedOut=true" });
    expect(listed.body.data.map((contact: { id: string }) => contact.id)).toEqual([id]);
    const deleted = await callApi(deleteContact, `/contacts/${id}`, { key, method: "DELETE", params: { id } });
    expect(deleted.body).toEqual({ deleted: true, id, cancelledMessages: 0 });
    expect((await callApi(getContact, `/contacts/${id}`, { key, params: { id } })).status).toBe(404);
    const actions = await db.auditEntry.findMany({
      where: { orgId: org.id, category: "compliance" },
      orderBy: { seq: "asc" },
      select: { action: true, actorType: true },
    });
    expect(actions.map((entry) => entry.action)).toEqual([
      "contact.created",
      "consent.recorded",
      "contact.updated",
      "contact.opted_out",
      "contact.deleted",
    ]);
    expect(actions.every((entry) => entry.actorType === "api_key")).toBe(true);
  });

  it("answers 400 problem+json naming the field for a bad phone or body, and writes nothing", async () => {
    const { key, org } = await orgWithKey();
    for (const body of [{ phone: "+1 555" }, { phone: "12" }, { phone: "+13055550123", color: "red" }, { phone: 42 }]) {
      const response = await callApi(postContact, "/contacts", { key, method: "POST", body });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
    }
    const bad = await callApi(postContact, "/contacts", { key, method: "POST", body: { phone: "+1 555" } });
    expect(Object.keys(bad.body.errors)).toEqual(["phone"]);
    const badCheck = await callApi(checkMessage, "/messages/check", { key, method: "POST", body: { to: "nope" } });
    expect(badCheck.status).toBe(400);
    const badDnc = await callApi(deleteDnc, "/dnc/abc", { key, method: "DELETE", params: { phone: "abc" } });
    expect(badDnc.status).toBe(400);
    expect(await db.messagingContact.count({ where: { orgId: org.id } })).toBe(0);
    expect(await db.messagingDecision.count({ where: { orgId: org.id } })).toBe(0);
  });

  it("checks a number without sending, and records the decision", async () => {
    const { key, org } = await orgWithKey();
    const contact = await contactVia(key);
    const checked = await callApi(checkMessage, "/messages/check", {
      key,
      method: "POST",
      body: { to: contact.phone },
    });
    expect(checked.status, checked.text).toBe(200);
    expect(checked.body).toMatchObject({ decision: "allow", reason: "allowed", sendAfter: null });
    expect(checked.body.checks).toHaveLength(7);
    expect(await db.messagingMessage.count({ where: { orgId: org.id } })).toBe(0);
    const row = await db.messagingDecision.findFirst({ where: { id: checked.body.decisionId, orgId: org.id } });
    expect(row?.decision).toBe("allow");
  });

  it("sends through the gate: allowed and rescheduled are queued, blocked is kept blocked, retries are idempotent", async () => {
    const { key, org } = await orgWithKey();
    const ready = await contactVia(key);
    const night = await contactVia(key, { phone: testPhone("213"), timeZone: zoneAt(3) });
    const unconsented = await contactVia(key, { phone: testPhone("213"), consent: undefined });
    const send = (to: string, idempotencyKey?: string) =>
      callApi(postMessage, "/messages", {
        key,
        method: "POST",
        body: { to, body: "Your appointment is tomorrow." },
        headers: idempotencyKey ? { "idempotency-key": idempotencyKey } : {},
      });
    const allowed = await send(ready.phone, "msg-1");
    expect(allowed.status, allowed.text).toBe(201);
    expect(allowed.body.decision.decision).toBe("allow");
    expect(allowed.body.message).toMatchObject({ status: "scheduled", to: ready.phone, contactId: ready.id });
    expect(allowed.text).not.toContain("appointment");
    const replay = await send(ready.phone, "msg-1");
    expect(replay.body.message.id).toBe(allowed.body.message.id);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");

    const later = await send(night.phone);
    expect(later.body.decision).toMatchObject({ decision: "reschedule", reason: "outside_send_window" });
    expect(later.body.message.status).toBe("scheduled");
    expect(later.body.message.sendAfter).toBe(later.body.decision.sendAfter);
    expect(new Date(later.body.message.sendAfter).getTime()).toBeGreaterThan(Date.now());

    const blocked = await send(unconsented.phone);
    expect(blocked.body.decision).toMatchObject({ decision: "block", reason: "no_sms_consent" });
    expect(blocked.body.message).toMatchObject({ status: "blocked", sendAfter: null });

    const listed = await callApi(listMessages, "/messages", { key, query: "?status=blocked" });
    expect(listed.body.data.map((message: { id: string }) => message.id)).toEqual([blocked.body.message.id]);
    expect(await db.messagingMessage.count({ where: { orgId: org.id } })).toBe(3);
    const decisions = await db.auditEntry.findMany({
      where: { orgId: org.id, action: { in: ["message.allowed", "message.rescheduled", "message.blocked"] } },
      orderBy: { seq: "asc" },
    });
    expect(decisions.map((entry) => entry.action)).toEqual([
      "message.allowed",
      "message.rescheduled",
      "message.blocked",
    ]);
    expect(JSON.stringify(decisions.map((entry) => entry.metadata))).not.toContain("appointment");
  });

  it("cancels a number's pending messages when it is put on the DNC list, opted out or deleted", async () => {
    const { key, org } = await orgWithKey();
    const [a, b, c] = [await contactVia(key), await contactVia(key), await contactVia(key)];
    for (const contact of [a, b, c]) {
      const sent = await callApi(postMessage, "/messages", {
        key,
        method: "POST",
        body: { to: contact.phone, body: "Hi" },
      });
      expect(sent.body.message.status).toBe("scheduled");
    }
    const dnc = await callApi(postDnc, "/dnc", { key, method: "POST", body: { phone: a.phone, reason: "asked" } });
    expect(dnc.status, dnc.text).toBe(201);
    expect(dnc.body).toMatchObject({ phone: a.phone, reason: "asked", source: "manual", cancelledMessages: 1 });
    const again = await callApi(postDnc, "/dnc", { key, method: "POST", body: { phone: a.phone } });
    expect(again.status).toBe(409);
    await callApi(patchContact, `/contacts/${b.id}`, {
      key,
      method: "PATCH",
      params: { id: b.id },
      body: { optedOut: true },
    });
    const deleted = await callApi(deleteContact, `/contacts/${c.id}`, { key, method: "DELETE", params: { id: c.id } });
    expect(deleted.body.cancelledMessages).toBe(1);
    const statuses = await db.messagingMessage.findMany({ where: { orgId: org.id }, select: { status: true } });
    expect(statuses.map((message) => message.status)).toEqual(["cancelled", "cancelled", "cancelled"]);
    const cancelled = await db.auditEntry.findMany({ where: { orgId: org.id, action: "message.cancelled" } });
    expect(cancelled.map((entry) => (entry.metadata as { reason: string }).reason).sort()).toEqual([
      "contact_deleted",
      "dnc_added",
      "opted_out",
    ]);
    const listed = await callApi(listDnc, "/dnc", { key });
    expect(listed.body.data.map((entry: { phone: string }) => entry.phone)).toEqual([a.phone]);
    const encoded = encodeURIComponent(a.phone);
    const removed = await callApi(deleteDnc, `/dnc/${encoded}`, { key, method: "DELETE", params: { phone: a.phone } });
    expect(removed.status, removed.text).toBe(200);
    const missing = await callApi(deleteDnc, `/dnc/${encoded}`, { key, method: "DELETE", params: { phone: a.phone } });
    expect(missing.status).toBe(404);
  });

  it("records and revokes consents; the gate then blocks", async () => {
    const { key } = await orgWithKey();
    const contact = await contactVia(key, { consent: undefined });
    const recorded = await callApi(postConsent, `/contacts/${contact.id}/consents`, {
      key,
      method: "POST",
      params: { id: contact.id },
      body: { source: "checkout", textShown: "Texts OK", ip: "203.0.113.9" },
    });
    expect(recorded.status, recorded.text).toBe(201);
    const check = () => callApi(checkMessage, "/messages/check", { key, method: "POST", body: { to: contact.phone } });
    expect((await check()).body.decision).toBe("allow");
    const consentId = recorded.body.id as string;
    const revoked = await callApi(revokeConsent, `/contacts/${contact.id}/consents/${consentId}/revoke`, {
      key,
      method: "POST",
      params: { id: contact.id, consentId },
    });
    expect(revoked.body.revokedAt).not.toBeNull();
    expect((await check()).body.reason).toBe("no_sms_consent");
    const history = await callApi(listConsents, `/contacts/${contact.id}/consents`, {
      key,
      params: { id: contact.id },
    });
    expect(history.body.data).toHaveLength(1);
    const future = await callApi(postConsent, `/contacts/${contact.id}/consents`, {
      key,
      method: "POST",
      params: { id: contact.id },
      body: { source: "x", textShown: "y", grantedAt: "2099-01-01T00:00:00Z" },
    });
    expect(future.status).toBe(400);
  });

  it("manages campaigns: create, change, archive; an archived campaign's messages are blocked", async () => {
    const { key } = await orgWithKey();
    const contact = await contactVia(key);
    const created = await callApi(postCampaign, "/campaigns", {
      key,
      method: "POST",
      body: { name: "Spring", purpose: "marketing", states: ["FL", "ct"], maxPer24h: 2 },
    });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ name: "Spring", states: ["FL", "CT"], maxPer24h: 2, archivedAt: null });
    const id = created.body.id as string;
    const loose = await callApi(patchCampaign, `/campaigns/${id}`, {
      key,
      method: "PATCH",
      params: { id },
      body: { ruleOverrides: { "fl-telemarketing": { maxPer24h: 9 } } },
    });
    expect(loose.status).toBe(400);
    const archived = await callApi(patchCampaign, `/campaigns/${id}`, {
      key,
      method: "PATCH",
      params: { id },
      body: { name: "Spring 2027", archived: true },
    });
    expect(archived.body).toMatchObject({ name: "Spring 2027" });
    expect(archived.body.archivedAt).not.toBeNull();
    expect((await callApi(listCampaigns, "/campaigns", { key })).body.data).toEqual([]);
    const check = await callApi(checkMessage, "/messages/check", {
      key,
      method: "POST",
      body: { to: contact.phone, campaignId: id },
    });
    expect(check.body).toMatchObject({ decision: "block", reason: "campaign_archived" });
  });

  it("turns the organization's kill switch on with an owner's key only, and then blocks everything", async () => {
    const { key, org, owner } = await orgWithKey();
    const contact = await contactVia(key);
    const { key: sendOnly } = await createTestKey(db, owner, org, { scopes: ["messaging.read", "messaging.send"] });
    const refused = await callApi(putKillSwitch, "/messaging/kill-switch", {
      key: sendOnly,
      method: "PUT",
      body: { on: true },
    });
    expect(refused.status).toBe(403);
    const on = await callApi(putKillSwitch, "/messaging/kill-switch", {
      key,
      method: "PUT",
      body: { on: true, reason: "incident 42" },
    });
    expect(on.status, on.text).toBe(200);
    expect(on.body).toMatchObject({ on: true, reason: "incident 42", platformOn: false });
    expect((await callApi(getKillSwitch, "/messaging/kill-switch", { key })).body.on).toBe(true);
    const check = await callApi(checkMessage, "/messages/check", { key, method: "POST", body: { to: contact.phone } });
    expect(check.body).toMatchObject({ decision: "block", reason: "org_kill_switch_on" });
    const entries = await db.auditEntry.findMany({ where: { orgId: org.id, action: "kill_switch.changed" } });
    expect(entries.map((entry) => entry.metadata)).toEqual([{ scope: "org", on: true, reason: "incident 42" }]);
  });

  it("chooses Twilio as the sender only once its secrets exist, on the record", async () => {
    const { key, org, owner } = await orgWithKey();
    expect((await callApi(getSender, "/messaging/sender", { key })).body).toEqual({ sender: "outbox" });
    const early = await callApi(putSender, "/messaging/sender", { key, method: "PUT", body: { sender: "twilio" } });
    expect(early.status).toBe(409);
    expect(early.body.detail).toMatch(/TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM_NUMBER/);
    const bad = await callApi(putSender, "/messaging/sender", { key, method: "PUT", body: { sender: "pigeon" } });
    expect(bad.status).toBe(400);
    await storeTwilioSecrets(db, owner, {
      accountSid: `AC${"1".repeat(32)}`,
      authToken: "t".repeat(32),
      from: "+12025550100",
    });
    const chosen = await callApi(putSender, "/messaging/sender", { key, method: "PUT", body: { sender: "twilio" } });
    expect(chosen.body).toEqual({ sender: "twilio" });
    const entries = await db.auditEntry.findMany({ where: { orgId: org.id, action: "messaging.settings_changed" } });
    expect(entries.map((entry) => entry.metadata)).toEqual([
      { before: { sender: "outbox" }, after: { sender: "twilio" } },
    ]);
    expect(JSON.stringify(entries.map((entry) => entry.metadata))).not.toContain("t".repeat(32));
  });

  it("answers another organization's contact, consents and campaign with 404, flagged as cross-tenant", async () => {
    const victim = await orgWithKey();
    const attacker = await orgWithKey();
    const contact = await contactVia(victim.key);
    const campaign = await callApi(postCampaign, "/campaigns", {
      key: victim.key,
      method: "POST",
      body: { name: "Secret", purpose: "informational" },
    });
    const id = contact.id;
    for (const response of [
      await callApi(getContact, `/contacts/${id}`, { key: attacker.key, params: { id } }),
      await callApi(patchContact, `/contacts/${id}`, {
        key: attacker.key,
        method: "PATCH",
        params: { id },
        body: { name: "x" },
      }),
      await callApi(deleteContact, `/contacts/${id}`, { key: attacker.key, method: "DELETE", params: { id } }),
      await callApi(listConsents, `/contacts/${id}/consents`, { key: attacker.key, params: { id } }),
      await callApi(patchCampaign, `/campaigns/${campaign.body.id}`, {
        key: attacker.key,
        method: "PATCH",
        params: { id: campaign.body.id },
        body: { maxPer24h: 1 },
      }),
    ]) {
      expect(response.status).toBe(404);
      expect(response.text).not.toContain(contact.phone);
    }
    const flagged = await db.auditEntry.findMany({
      where: { orgId: victim.org.id, action: "access.denied", metadata: { path: ["crossTenant"], equals: true } },
    });
    expect(flagged.length).toBeGreaterThanOrEqual(5);
    // The gate treats the victim's number as no lead of the attacker's organization.
    const check = await callApi(checkMessage, "/messages/check", {
      key: attacker.key,
      method: "POST",
      body: { to: contact.phone },
    });
    expect(check.body).toMatchObject({ decision: "block", reason: "lead_not_found" });
    expect(await db.messagingContact.count({ where: { id } })).toBe(1);
  });
});
