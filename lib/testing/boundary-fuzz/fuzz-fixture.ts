import { randomUUID } from "node:crypto";
import { API_KEY_SCOPES } from "@/lib/api-keys/schemas";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { checkpointNow } from "@/lib/audit/integrate/checkpoint-now";
import type { Db } from "@/lib/db/client";
import { resolvePrincipal } from "@/lib/guard/principal";
import { createLegalHold } from "@/lib/lifecycle/legal-hold-create";
import { createCampaign } from "@/lib/messaging/campaigns/create-campaign";
import { addDncEntry } from "@/lib/messaging/dnc/add-dnc-entry";
import { raiseSecurityAlertOnItsOwn } from "@/lib/audit/security-alerts/raise-security-alert";
import { inviteMember } from "@/lib/members/invite-member";
import { recordDataSubjectRequest } from "@/lib/privacy/dsr-record";
import { createSecret } from "@/lib/secrets/create-secret";
import { shareSecret } from "@/lib/secrets/share-secret";
import { createEndpoint } from "@/lib/webhooks/create-endpoint";
import { sendTestEvent } from "@/lib/webhooks/deliveries";
import { createTestKey } from "../api";
import { createOwner, orgContextFor } from "../factories";
import { addTestContact, testPhone } from "../messaging";
import { enrolTotp } from "../mfa";
import { sessionCookieFor } from "../sessions";
import { testBrowser } from "../test-browser";

/**
 * The organization the boundary fuzz test throws its requests at, with something of each kind for
 * the requests to name (a webhook endpoint with a delivery, a second member, a spare API key, a
 * pending invitation, a spare session), an API key holding every scope, and its owner signed in on
 * the test browser. Requests that succeed may delete, revoke or rename those; `repair` puts back
 * whatever is gone, so the next request meets the same world.
 */
export type FuzzWorld = {
  owner: Awaited<ReturnType<typeof createOwner>>;
  orgId: string;
  slug: string;
  key: string;
  cookie: string;
  sessionId: string;
  spareSessionId: string;
  memberUserId: string;
  webhookId: string;
  deliveryId: string;
  spareKeyId: string;
  invitationId: string;
  /** An active legal hold, for the release requests. */
  legalHoldId: string;
  /** The owner's saved audit search, for the delete requests. */
  savedSearchId: string;
  /** An open security alert, for the acknowledge and resolve requests. */
  securityAlertId: string;
  /** An open access request, for the answer and download requests. */
  dsrId: string;
  /** A live secret shared with the member, for the secrets requests. */
  secretId: string;
  secretName: string;
  secretShareId: string;
  /** A consented contact, its consent, a campaign and a number on the DNC list, for the messaging requests. */
  contactId: string;
  contactPhone: string;
  consentId: string;
  campaignId: string;
  dncPhone: string;
  /** A counter for values that must be new each time (emails). */
  serial: number;
};

async function makeWebhook(db: Db, world: Pick<FuzzWorld, "owner" | "orgId" | "slug">) {
  const ctx = orgContextFor(world.owner, { id: world.orgId, slug: world.slug, name: world.owner.org.name });
  return db.$transaction(async (tx) => {
    const { endpoint } = await createEndpoint(tx, ctx, {
      url: "https://hooks.example.com/fuzz",
      description: "fuzz target",
    });
    const delivery = await sendTestEvent(tx, ctx, endpoint.id);
    return { webhookId: endpoint.id, deliveryId: delivery.id };
  });
}

async function makeSpareKey(db: Db, world: Pick<FuzzWorld, "owner" | "orgId" | "slug">) {
  const { apiKey } = await createTestKey(
    db,
    world.owner,
    { id: world.orgId, slug: world.slug, name: world.owner.org.name },
    { name: "spare", scopes: ["audit.read"] },
  );
  return apiKey.id;
}

async function makeInvitation(db: Db, world: Pick<FuzzWorld, "owner" | "orgId" | "slug">) {
  const ctx = orgContextFor(world.owner, { id: world.orgId, slug: world.slug, name: world.owner.org.name });
  const sent = await db.$transaction((tx) =>
    inviteMember({ ctx, tx, input: { email: `invitee-${randomUUID().slice(0, 8)}@example.test`, role: "MEMBER" } }),
  );
  return sent.invitationId;
}

async function makeSavedSearch(db: Db, world: Pick<FuzzWorld, "owner" | "orgId">) {
  const search = await db.auditSavedSearch.create({
    data: { orgId: world.orgId, userId: world.owner.user.id, name: "fuzz search", query: "action:custom.*" },
  });
  return search.id;
}

async function makeLegalHold(db: Db, world: Pick<FuzzWorld, "owner" | "orgId" | "slug">) {
  const ctx = orgContextFor(world.owner, { id: world.orgId, slug: world.slug, name: world.owner.org.name });
  const hold = await db.$transaction((tx) =>
    createLegalHold(tx, ctx, { name: "fuzz hold", matter: "fuzz matter", scope: { kind: "org" } }),
  );
  return hold.id;
}

async function makeSecurityAlert(db: Db, world: Pick<FuzzWorld, "orgId">) {
  const alert = await raiseSecurityAlertOnItsOwn(db, {
    orgId: world.orgId,
    kind: "api_key_new_address",
    subject: null,
    groupKey: randomUUID(),
    entry: { actor: { type: "system", id: null, display: "fuzz" }, outcome: "failure", metadata: { detail: "fuzz" } },
  });
  return alert.id;
}

async function makeDsr(db: Db, world: Pick<FuzzWorld, "owner" | "orgId" | "slug">) {
  const ctx = orgContextFor(world.owner, { id: world.orgId, slug: world.slug, name: world.owner.org.name });
  const request = await db.$transaction((tx) =>
    recordDataSubjectRequest(tx, ctx, { subject: world.owner.user.email, type: "access", regime: "GDPR" }),
  );
  return request.id;
}

async function makeSecret(db: Db, world: Pick<FuzzWorld, "owner" | "orgId" | "slug" | "memberUserId">) {
  const ctx = orgContextFor(world.owner, { id: world.orgId, slug: world.slug, name: world.owner.org.name });
  return db.$transaction(async (tx) => {
    const secret = await createSecret(tx, ctx, { name: `fuzz-${randomUUID().slice(0, 8)}`, value: "fuzz value" });
    const share = await shareSecret(tx, ctx, {
      secretId: secret.id,
      with: { kind: "user", userId: world.memberUserId },
    });
    return { secretId: secret.id, secretName: secret.name, secretShareId: share.id };
  });
}

async function makeMessaging(db: Db, world: Pick<FuzzWorld, "owner" | "orgId" | "slug">) {
  const ctx = orgContextFor(world.owner, { id: world.orgId, slug: world.slug, name: world.owner.org.name });
  const contact = await addTestContact(db, ctx, { state: "FL", zip: "33101" });
  const campaign = await db.$transaction((tx) =>
    createCampaign(tx, ctx, { name: `fuzz-${randomUUID().slice(0, 8)}`, purpose: "marketing", states: ["FL"] }),
  );
  const dncPhone = testPhone();
  await db.$transaction((tx) => addDncEntry(tx, ctx, { phone: dncPhone, reason: "fuzz" }));
  return {
    contactId: contact.id,
    contactPhone: contact.phone,
    consentId: contact.smsConsent!.id,
    campaignId: campaign.id,
    dncPhone,
  };
}

/** Puts back the messaging fixture a request deleted, revoked, archived or took off the list. */
async function repairMessaging(db: Db, world: FuzzWorld) {
  const [contact, consent, campaign, dnc] = await Promise.all([
    db.messagingContact.findFirst({ where: { id: world.contactId, orgId: world.orgId } }),
    db.messagingConsent.findFirst({ where: { id: world.consentId, orgId: world.orgId, revokedAt: null } }),
    db.messagingCampaign.findFirst({ where: { id: world.campaignId, orgId: world.orgId, archivedAt: null } }),
    db.messagingDncEntry.findFirst({ where: { orgId: world.orgId, phoneE164: world.dncPhone } }),
  ]);
  if (!contact || !consent || !campaign || !dnc) Object.assign(world, await makeMessaging(db, world));
}

export async function createFuzzWorld(db: Db): Promise<FuzzWorld> {
  const owner = await createOwner({ organizationName: "Fuzz Target" });
  await enrolTotp(db, owner.user.id);
  // Every limit out of the way: a refusal for the plan is not what this test looks for.
  await db.billingAccount.update({ where: { orgId: owner.org.id }, data: { plan: "enterprise", seats: 10_000 } });
  const member = await createOwner();
  await db.membership.create({ data: { orgId: owner.org.id, userId: member.user.id, role: "MEMBER" } });
  const base = { owner, orgId: owner.org.id, slug: owner.org.slug };
  const key = (
    await createTestKey(db, owner, owner.org, { name: "fuzz", scopes: [...API_KEY_SCOPES], rateLimitPerMinute: 10_000 })
  ).key;
  const session = await sessionCookieFor(db, owner.user.id);
  const spare = await sessionCookieFor(db, owner.user.id);
  await db.$transaction((tx) =>
    appendAuditEntry(tx, {
      orgId: owner.org.id,
      action: "custom.fuzz.seeded",
      actor: { type: "system", id: null, display: "fuzz" },
      metadata: { note: "first entry" },
    }),
  );
  await checkpointNow(db, owner.org.id); // a signed tree, so the audit-log endpoints get past "no checkpoint yet"
  testBrowser.cookie = session.cookie;
  return {
    ...base,
    key,
    cookie: session.cookie,
    sessionId: session.sessionId,
    spareSessionId: spare.sessionId,
    memberUserId: member.user.id,
    ...(await makeWebhook(db, base)),
    spareKeyId: await makeSpareKey(db, base),
    invitationId: await makeInvitation(db, base),
    legalHoldId: await makeLegalHold(db, base),
    savedSearchId: await makeSavedSearch(db, base),
    securityAlertId: await makeSecurityAlert(db, base),
    dsrId: await makeDsr(db, base),
    ...(await makeSecret(db, { ...base, memberUserId: member.user.id })),
    ...(await makeMessaging(db, base)),
    serial: 0,
  };
}

/**
 * After a request that succeeded: puts back what it may have taken away. A deleted organization, or
 * a fixture beyond repair, gives a new world.
 */
export async function repairFuzzWorld(db: Db, world: FuzzWorld): Promise<FuzzWorld> {
  const org = await db.organization.findUnique({ where: { id: world.orgId }, select: { slug: true, deletedAt: true } });
  if (!org || org.deletedAt) return createFuzzWorld(db);
  world.slug = org.slug;
  const userId = world.owner.user.id;
  await db.membership.upsert({
    where: { orgId_userId: { orgId: world.orgId, userId } },
    create: { orgId: world.orgId, userId, role: "OWNER" },
    update: { role: "OWNER" },
  });
  await db.membership.upsert({
    where: { orgId_userId: { orgId: world.orgId, userId: world.memberUserId } },
    create: { orgId: world.orgId, userId: world.memberUserId, role: "MEMBER" },
    update: {},
  });
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { totpEnabledAt: true } });
  if (!user.totpEnabledAt) await enrolTotp(db, userId);
  await db.billingAccount.update({
    where: { orgId: world.orgId },
    data: { plan: "enterprise", seats: 10_000, cancelAtPeriodEnd: false },
  });
  await db.organization.update({ where: { id: world.orgId }, data: { requireMfa: false } });
  if (!(await resolvePrincipal({ cookie: world.cookie, authorization: null }))) {
    const session = await sessionCookieFor(db, userId);
    Object.assign(world, { cookie: session.cookie, sessionId: session.sessionId });
  }
  testBrowser.cookie = world.cookie;
  const spareSession = await db.session.findUnique({
    where: { id: world.spareSessionId },
    select: { revokedAt: true },
  });
  if (!spareSession || spareSession.revokedAt) world.spareSessionId = (await sessionCookieFor(db, userId)).sessionId;
  const webhook = await db.webhookEndpoint.findUnique({ where: { id: world.webhookId }, select: { deletedAt: true } });
  if (!webhook || webhook.deletedAt) Object.assign(world, await makeWebhook(db, world));
  const spareKey = await db.apiKey.findUnique({
    where: { id: world.spareKeyId },
    select: { revokedAt: true, graceEndsAt: true },
  });
  if (!spareKey || spareKey.revokedAt || spareKey.graceEndsAt) world.spareKeyId = await makeSpareKey(db, world);
  const invitation = await db.invitation.findUnique({
    where: { id: world.invitationId },
    select: { revokedAt: true, acceptedAt: true },
  });
  if (!invitation || invitation.revokedAt || invitation.acceptedAt)
    world.invitationId = await makeInvitation(db, world);
  const hold = await db.legalHold.findUnique({ where: { id: world.legalHoldId }, select: { releasedAt: true } });
  if (!hold || hold.releasedAt) world.legalHoldId = await makeLegalHold(db, world);
  if (!(await db.auditSavedSearch.findUnique({ where: { id: world.savedSearchId } })))
    world.savedSearchId = await makeSavedSearch(db, world);
  const alert = await db.securityAlert.findUnique({ where: { id: world.securityAlertId }, select: { status: true } });
  if (alert?.status !== "open") world.securityAlertId = await makeSecurityAlert(db, world);
  const dsr = await db.dataSubjectRequest.findUnique({ where: { id: world.dsrId }, select: { status: true } });
  if (dsr?.status !== "received") world.dsrId = await makeDsr(db, world);
  const secret = await db.secret.findUnique({ where: { id: world.secretId }, include: { shares: true } });
  if (!secret || secret.deletedAt || !secret.shares.some((share) => share.id === world.secretShareId))
    Object.assign(world, await makeSecret(db, world));
  await repairMessaging(db, world);
  return world;
}

/**
 * What a refused request must not have changed: the organization's successful audit entries (every
 * change writes one in its own transaction), its stored Idempotency-Keys, and the accounts. Denials,
 * failed sign-ins, rate-limit and usage counters are allowed: they are the record of the refusal.
 */
export async function writesOf(db: Db, world: FuzzWorld): Promise<string> {
  const [entries, idempotencyKeys, users, organizations] = await Promise.all([
    db.auditEntry.count({ where: { orgId: world.orgId, outcome: "success" } }),
    db.idempotencyKey.count({ where: { orgId: world.orgId } }),
    db.user.count(),
    db.organization.count(),
  ]);
  return JSON.stringify({ entries, idempotencyKeys, users, organizations });
}
