import { beforeAll, describe, expect, it } from "vitest";
import type { OrgContext } from "@/lib/context";
import type { Db } from "@/lib/db/client";
import { createCampaign } from "@/lib/messaging/campaigns/create-campaign";
import { addDncEntry } from "@/lib/messaging/dnc/add-dnc-entry";
import { updateContact } from "@/lib/messaging/contacts/update-contact";
import { setKillSwitch } from "@/lib/messaging/settings/set-kill-switch";
import { testDb, withFreshDatabase } from "@/lib/testing/database";
import { addTestContact, messagingOrg, testPhone } from "@/lib/testing/messaging";
import { CHECK_NAMES, type CheckName } from "../messaging-events";
import type { CheckFn } from "./gate-types";
import { GateNotRecordedError } from "./gate-not-recorded";
import { runGate, runGateForWorker, runGateOnItsOwn } from "./run-gate";

let db: Db;
beforeAll(() => {
  db = testDb();
});

/** Tuesday 8 December 2026, 10:00 in Miami (EST, UTC−5). */
const IN_HOURS = new Date("2026-12-08T15:00:00Z");
/** Monday 7 December 2026, 21:30 in Miami: after every window. */
const OFF_HOURS = new Date("2026-12-08T02:30:00Z");
const FLORIDA = { state: "FL", timeZone: "America/New_York" } as const;

const gate = (ctx: OrgContext, input: Parameters<typeof runGate>[2], options?: Parameters<typeof runGate>[3]) =>
  db.$transaction((tx) => runGate(tx, ctx, input, options));

/** The decision row and the audit entry that recorded it. */
async function onRecord(orgId: string, decisionId: string) {
  const row = await db.messagingDecision.findFirst({ where: { id: decisionId, orgId } });
  const entries = await db.auditEntry.findMany({
    where: { orgId, action: { startsWith: "message." }, metadata: { path: ["decisionId"], equals: decisionId } },
  });
  return { row, entries };
}

async function consentedFloridaLead(now = IN_HOURS) {
  const { ctx, org } = await messagingOrg();
  const contact = await addTestContact(db, ctx, FLORIDA, now);
  return { ctx, org, contact };
}

describe("the messaging gate's seven checks", () => {
  it("allows a fully consented contact in hours, and records the decision with every check's facts", async () => {
    const { ctx, org, contact } = await consentedFloridaLead();
    const decision = await gate(ctx, { to: contact.phone, now: IN_HOURS });
    expect(decision.decision).toBe("allow");
    expect(decision.reason).toBe("allowed");
    expect(decision.checks.map((check) => [check.name, check.ok, check.code])).toEqual([
      ["kill_switch", true, "kill_switch_off"],
      ["dnc", true, "not_on_dnc_list"],
      ["lead", true, "lead_found"],
      ["opt_out", true, "not_opted_out"],
      ["consent", true, "sms_consent_on_file"],
      ["business_hours", true, "within_send_window"],
      ["state_rules", true, "within_frequency_caps"],
    ]);
    const consent = decision.checks.find((check) => check.name === "consent")!;
    expect(consent.facts.consentId).toBe(contact.smsConsent!.id);
    const hours = decision.checks.find((check) => check.name === "business_hours")!;
    expect(hours.facts.localTimes).toEqual(["America/New_York 2026-12-08T10:00:00.000-05:00"]);
    expect(hours.facts.ruleIds).toEqual(expect.arrayContaining(["us-tcpa-hours", "fl-telemarketing"]));
    const { row, entries } = await onRecord(org.id, decision.decisionId);
    expect(row).toMatchObject({
      decision: "allow",
      reason: "allowed",
      phoneE164: contact.phone,
      contactId: contact.id,
    });
    expect(entries.map((entry) => entry.action)).toEqual(["message.allowed"]);
    expect(entries[0]!.metadata).toMatchObject({ decisionId: decision.decisionId, via: "request", reason: "allowed" });
  });

  it("reschedules off hours to the next permitted minute in the recipient's zone", async () => {
    const { ctx, org, contact } = await consentedFloridaLead(OFF_HOURS);
    const decision = await gate(ctx, { to: contact.phone, now: OFF_HOURS });
    expect(decision).toMatchObject({ decision: "reschedule", reason: "outside_send_window" });
    expect(decision.sendAfter?.toISOString()).toBe("2026-12-08T13:00:00.000Z");
    const { row, entries } = await onRecord(org.id, decision.decisionId);
    expect(row?.sendAfter?.toISOString()).toBe("2026-12-08T13:00:00.000Z");
    expect(entries.map((entry) => entry.action)).toEqual(["message.rescheduled"]);
  });

  it("blocks on the organization's kill switch first", async () => {
    const { ctx, org, contact } = await consentedFloridaLead();
    await db.$transaction((tx) => setKillSwitch(tx, ctx, { on: true, reason: "incident" }));
    const decision = await gate(ctx, { to: contact.phone, now: IN_HOURS });
    expect(decision).toMatchObject({ decision: "block", reason: "org_kill_switch_on" });
    expect(decision.checks.slice(1).every((check) => check.code === "not_run" && !check.ok)).toBe(true);
    const { entries } = await onRecord(org.id, decision.decisionId);
    expect(entries.map((entry) => [entry.action, entry.outcome])).toEqual([["message.blocked", "denied"]]);
  });

  it("blocks every message of a closed organization, queued ones included", async () => {
    const { ctx, org, contact } = await consentedFloridaLead();
    await db.organization.update({ where: { id: org.id }, data: { deletedAt: new Date() } });
    const decision = await gate(ctx, { to: contact.phone, now: IN_HOURS });
    expect(decision).toMatchObject({ decision: "block", reason: "organization_closed" });
    const { entries } = await onRecord(org.id, decision.decisionId);
    expect(entries.map((entry) => entry.action)).toEqual(["message.blocked"]);
  });

  it("blocks every organization while the platform's switch is on (on a database of its own)", async () => {
    await withFreshDatabase(async (fresh) => {
      const { ctx, contact } = await (async () => {
        const org = await messagingOrg();
        return { ...org, contact: await addTestContact(fresh, org.ctx, FLORIDA, IN_HOURS) };
      })();
      await fresh.messagingPlatformSwitch.create({
        data: { id: "platform", on: true, changedBy: "staff@verity.test" },
      });
      const decision = await fresh.$transaction((tx) => runGate(tx, ctx, { to: contact.phone, now: IN_HOURS }));
      expect(decision).toMatchObject({ decision: "block", reason: "platform_kill_switch_on" });
    });
  });

  it("reads its facts afresh for each decision: a listing, a revoked consent or the switch counts from the next one", async () => {
    const { ctx, contact } = await consentedFloridaLead();
    const other = await addTestContact(db, ctx, FLORIDA, IN_HOURS);
    expect((await gate(ctx, { to: contact.phone, now: IN_HOURS })).decision).toBe("allow");
    await db.$transaction((tx) => addDncEntry(tx, ctx, { phone: contact.phone, reason: "asked" }));
    expect(await gate(ctx, { to: contact.phone, now: IN_HOURS })).toMatchObject({ reason: "on_dnc_list" });

    expect((await gate(ctx, { to: other.phone, now: IN_HOURS })).decision).toBe("allow");
    await db.messagingConsent.updateMany({ where: { contactId: other.id }, data: { revokedAt: IN_HOURS } });
    expect(await gate(ctx, { to: other.phone, now: IN_HOURS })).toMatchObject({ reason: "no_sms_consent" });

    await db.$transaction((tx) => setKillSwitch(tx, ctx, { on: true, reason: "incident" }));
    expect(await gate(ctx, { to: other.phone, now: IN_HOURS })).toMatchObject({ reason: "org_kill_switch_on" });
  });

  it("blocks a number on the Do Not Contact list", async () => {
    const { ctx, contact } = await consentedFloridaLead();
    await db.$transaction((tx) => addDncEntry(tx, ctx, { phone: contact.phone, reason: "asked by phone" }));
    const decision = await gate(ctx, { to: contact.phone, now: IN_HOURS });
    expect(decision).toMatchObject({ decision: "block", reason: "on_dnc_list" });
    expect(decision.checks[1]).toMatchObject({
      name: "dnc",
      ok: false,
      code: "on_dnc_list",
      facts: { source: "manual" },
    });
  });

  it("blocks a number that is no lead of the organization", async () => {
    const { ctx } = await messagingOrg();
    const decision = await gate(ctx, { to: testPhone(), now: IN_HOURS });
    expect(decision).toMatchObject({ decision: "block", reason: "lead_not_found" });
  });

  it("blocks a number that does not parse, naming the missing fact", async () => {
    const { ctx } = await messagingOrg();
    const decision = await gate(ctx, { to: "not a number", now: IN_HOURS });
    expect(decision).toMatchObject({ decision: "block", reason: "invalid_phone" });
  });

  it("blocks an opted-out contact", async () => {
    const { ctx, contact } = await consentedFloridaLead();
    await db.$transaction((tx) => updateContact(tx, ctx, { id: contact.id, optedOut: true }));
    const decision = await gate(ctx, { to: contact.phone, now: IN_HOURS });
    expect(decision).toMatchObject({ decision: "block", reason: "opted_out" });
  });

  it("blocks a contact without SMS consent on file", async () => {
    const { ctx } = await messagingOrg();
    const contact = await addTestContact(db, ctx, { ...FLORIDA, consent: false }, IN_HOURS);
    const decision = await gate(ctx, { to: contact.phone, now: IN_HOURS });
    expect(decision).toMatchObject({ decision: "block", reason: "no_sms_consent" });
  });

  it("holds a Florida contact's fourth marketing message of a campaign within 24 hours", async () => {
    const { ctx, org, contact } = await consentedFloridaLead();
    const campaign = await db.$transaction((tx) =>
      createCampaign(tx, ctx, { name: "Winter sale", purpose: "marketing" }),
    );
    const hour = 3600 * 1000;
    const sentAt = [20, 10, 2].map((hours) => new Date(IN_HOURS.getTime() - hours * hour));
    await db.messagingMessage.createMany({
      data: sentAt.map((at) => ({
        orgId: org.id,
        contactId: contact.id,
        campaignId: campaign.id,
        toE164: contact.phone,
        body: "Sale!",
        status: "sent",
        sentAt: at,
      })),
    });
    const fourth = await gate(ctx, { to: contact.phone, campaignId: campaign.id, now: IN_HOURS });
    expect(fourth).toMatchObject({ decision: "reschedule", reason: "frequency_cap_reached" });
    expect(fourth.checks[6]).toMatchObject({
      code: "frequency_cap_reached",
      facts: { ruleId: "fl-telemarketing", limit: 3 },
    });
    // Held until the oldest of the three leaves the 24 hours.
    expect(fourth.sendAfter!.getTime()).toBeGreaterThanOrEqual(sentAt[0]!.getTime() + 24 * hour);
    // Another campaign is another subject: not held.
    const other = await db.$transaction((tx) => createCampaign(tx, ctx, { name: "News", purpose: "marketing" }));
    const decision = await gate(ctx, { to: contact.phone, campaignId: other.id, now: IN_HOURS });
    expect(decision.decision).toBe("allow");
  });

  it("counts a message already allowed and on its way, but not the message being decided", async () => {
    const { ctx, org, contact } = await consentedFloridaLead();
    const campaign = await db.$transaction((tx) =>
      createCampaign(tx, ctx, { name: "Spring sale", purpose: "marketing" }),
    );
    const hour = 3600 * 1000;
    const base = {
      orgId: org.id,
      contactId: contact.id,
      campaignId: campaign.id,
      toE164: contact.phone,
      body: "Sale!",
    };
    await db.messagingMessage.createMany({
      data: [10, 2].map((hours) => ({ ...base, status: "sent", sentAt: new Date(IN_HOURS.getTime() - hours * hour) })),
    });
    // A third, allowed by another worker's gate a minute ago and being handed to the sender right now.
    const allowed = await db.messagingDecision.create({
      data: {
        orgId: org.id,
        phoneE164: contact.phone,
        decision: "allow",
        reason: "allowed",
        checks: [],
        decidedAt: new Date(IN_HOURS.getTime() - 60_000),
      },
    });
    const inFlight = await db.messagingMessage.create({
      data: { ...base, status: "sending", lastDecisionId: allowed.id },
    });
    const another = await gate(ctx, { to: contact.phone, campaignId: campaign.id, now: IN_HOURS });
    expect(another).toMatchObject({ decision: "reschedule", reason: "frequency_cap_reached" });
    expect(another.checks[6]!.facts).toMatchObject({ sentLast24h: 3, limit: 3 });
    // The in-flight message's own gate (a retry after a lost answer) does not count itself.
    const itself = await gate(ctx, {
      to: contact.phone,
      campaignId: campaign.id,
      now: IN_HOURS,
      messageId: inFlight.id,
    });
    expect(itself.decision).toBe("allow");
  });

  it("blocks a time zone it cannot place, naming the missing fact", async () => {
    const { ctx } = await messagingOrg();
    // A toll-free number with no state, ZIP or zone given: nothing places it.
    const contact = await addTestContact(db, ctx, { phone: "+18003334444" }, IN_HOURS);
    const decision = await gate(ctx, { to: contact.phone, now: IN_HOURS });
    expect(decision).toMatchObject({ decision: "block", reason: "time_zone_unknown" });
    expect(decision.checks[5]).toMatchObject({ name: "business_hours", facts: { zones: [], zoneSource: "unknown" } });
  });

  it("treats another organization's contact as no lead (tenant isolation)", async () => {
    const { contact } = await consentedFloridaLead();
    const { ctx: otherCtx, org: other } = await messagingOrg();
    const decision = await gate(otherCtx, { to: contact.phone, now: IN_HOURS });
    expect(decision).toMatchObject({ decision: "block", reason: "lead_not_found" });
    const { row } = await onRecord(other.id, decision.decisionId);
    expect(row?.contactId).toBeNull();
  });

  it("records a worker's decision with Verity as the actor", async () => {
    const { org, contact } = await consentedFloridaLead();
    const decision = await db.$transaction((tx) =>
      runGateForWorker(tx, { orgId: org.id }, { to: contact.phone, now: IN_HOURS }),
    );
    const { entries } = await onRecord(org.id, decision.decisionId);
    expect(entries[0]).toMatchObject({ actorType: "system", metadata: expect.objectContaining({ via: "worker" }) });
  });
});

describe("the gate fails closed", () => {
  const hang: CheckFn = () => new Promise(() => {});
  const boom: CheckFn = async () => {
    throw new TypeError("injected failure");
  };

  for (const [index, name] of CHECK_NAMES.entries())
    for (const [how, check, failure] of [
      ["throws", boom, "exception"],
      ["times out", hang, "check_timeout"],
    ] as const)
      it(`blocks and records when the ${name} check ${how}`, async () => {
        const { ctx, org, contact } = await consentedFloridaLead();
        const checks: Partial<Record<CheckName, CheckFn>> = { [name]: check };
        // The default per-check timeout (1.5 s): a shorter one could fail the real checks before it on a busy machine.
        const decision = await gate(ctx, { to: contact.phone, now: IN_HOURS }, { checks });
        expect(decision).toMatchObject({ decision: "block", reason: "internal_error" });
        expect(decision.checks).toHaveLength(7);
        expect(decision.checks[index]).toMatchObject({ name, ok: false, code: "internal_error", facts: { failure } });
        expect(decision.checks.slice(0, index).every((result) => result.ok)).toBe(true);
        expect(decision.checks.slice(index + 1).every((result) => result.code === "not_run")).toBe(true);
        const { row, entries } = await onRecord(org.id, decision.decisionId);
        expect(row).toMatchObject({ decision: "block", reason: "internal_error" });
        expect(entries.map((entry) => entry.action)).toEqual(["message.blocked"]);
      });

  it("blocks when the gate as a whole runs out of time", async () => {
    const { ctx, contact } = await consentedFloridaLead();
    const instant: CheckFn = async () => ({ verdict: "pass", code: "ok" });
    const decision = await gate(
      ctx,
      { to: contact.phone, now: IN_HOURS },
      { checks: { kill_switch: instant, dnc: hang }, timeoutMs: { perCheck: 5_000, overall: 200 } },
    );
    expect(decision).toMatchObject({ decision: "block", reason: "internal_error" });
    expect(decision.checks[1]).toMatchObject({ code: "internal_error", facts: { failure: "gate_timeout" } });
  });

  it("blocks on an answer that is no verdict", async () => {
    const { ctx, contact } = await consentedFloridaLead();
    const odd = (async () => ({ verdict: "maybe", code: "?" })) as unknown as CheckFn;
    const decision = await gate(ctx, { to: contact.phone, now: IN_HOURS }, { checks: { consent: odd } });
    expect(decision.checks[4]).toMatchObject({ code: "internal_error", facts: { failure: "invalid_outcome" } });
  });

  it("records the block on its own when the gate's transaction fails", async () => {
    const { ctx, org, contact } = await consentedFloridaLead();
    // A check whose statement fails aborts the transaction: the decision can no longer be written in it.
    const breaksTransaction: CheckFn = async (subject) => {
      await subject.tx.$executeRawUnsafe("SELECT 1 / 0");
      return { verdict: "pass", code: "never" };
    };
    const failed = await db
      .$transaction((tx) =>
        runGate(tx, ctx, { to: contact.phone, now: IN_HOURS }, { checks: { state_rules: breaksTransaction } }),
      )
      .catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(GateNotRecordedError);
    const recorded = await (failed as GateNotRecordedError).recorded;
    expect(recorded).toMatchObject({ decision: "block", reason: "internal_error" });
    const { row, entries } = await onRecord(org.id, recorded!.decisionId);
    expect(row).toMatchObject({ decision: "block", reason: "internal_error" });
    expect(entries.map((entry) => [entry.action, (entry.metadata as { failure?: string }).failure])).toEqual([
      ["message.blocked", "record_failed"],
    ]);
    // The same through runGateOnItsOwn, which answers the recorded block.
    const party = {
      orgId: org.id,
      actor: { type: "system" as const, id: null, display: "t" },
      context: null,
      via: "worker" as const,
    };
    const onItsOwn = await runGateOnItsOwn(
      db,
      party,
      { to: contact.phone, now: IN_HOURS },
      { checks: { dnc: breaksTransaction } },
    );
    expect(onItsOwn).toMatchObject({ decision: "block", reason: "internal_error" });
    expect((await onRecord(org.id, onItsOwn.decisionId)).row?.decision).toBe("block");
  });
});
