import { testPhone } from "../messaging";
import type { FuzzWorld } from "./fuzz-fixture";

/** A request an entry point accepts: the fuzz test spoils one part of it, so the rest gets past validation to the database. */
export type Baseline = { params?: Record<string, string>; query?: Record<string, string>; body?: unknown };

const fresh = (world: FuzzWorld, what: string) => `${what}-${++world.serial}-${Date.now().toString(36)}@example.test`;
const PASSWORD = "correct horse battery staple";
const UNKNOWN_ID = "00000000-0000-4000-8000-00000000f00d";

/**
 * A valid input for each registered entry point, keyed `kind:name` as the guard's registry names them.
 * A new entry point without one is still fuzzed (from {}), and the test says so.
 */
export const ENTRY_BASELINES: Record<string, (world: FuzzWorld) => Baseline> = {
  // /api/v1, with the key
  "api:getMe": () => ({}),
  "api:listAuditEvents": () => ({
    query: { q: 'action:custom.* "first entry"', actor: "fuzz", limit: "10", since: "2026-01-01T00:00:00Z" },
  }),
  "api:exportAuditEvents": () => ({ query: { format: "ndjson", q: "action:custom.*" } }),
  "api:verifyAuditEvents": () => ({}),
  "api:getAuditLogCheckpoint": () => ({}),
  "api:getAuditLogTile": () => ({ params: { path: "0/000.p/1" } }),
  "api:getAuditLogInclusionProof": () => ({ query: { seq: "1", size: "1" } }),
  "api:getAuditLogConsistencyProof": () => ({ query: { from: "1", to: "1" } }),
  "api:listAuditLogKeys": () => ({}),
  "api:listAuditLogVerifierKeys": () => ({}),
  "api:ingestAuditEvent": () => ({
    body: {
      action: "wallet.transfer_approved",
      target: { type: "wallet", id: "w-1", display: "Main wallet" },
      outcome: "success",
      metadata: { amount: 10, note: "ok", nested: { list: [1, "two"] } },
    },
  }),
  "api:ingestAuditEventBatch": () => ({
    body: {
      events: [
        { action: "wallet.transfer_approved", target: { type: "wallet", id: "w-1" }, metadata: { amount: 10 } },
        { action: "custom.payout.sent", outcome: "failure", metadata: { nested: { list: [1, "two"] } } },
      ],
    },
  }),
  "api:getRetentionPolicy": () => ({}),
  "api:importDnc": () => ({ query: { fileName: "fuzz.csv" } }),
  "api:listMembers": () => ({ query: { q: "owner", role: "OWNER", page: "1", pageSize: "10" } }),
  "api:inviteMember": (world) => ({ body: { email: fresh(world, "api-invitee"), role: "MEMBER" } }),
  "api:changeMemberRole": () => ({ params: { userId: UNKNOWN_ID }, body: { role: "ADMIN" } }),
  "api:removeMember": () => ({ params: { userId: UNKNOWN_ID } }),
  "api:getOrg": () => ({}),
  "api:updateOrg": () => ({ body: { brandColor: "#2f55d4", featureFlags: { audit_export_gzip: false } } }),
  "api:listApiKeys": () => ({}),
  "api:createApiKey": () => ({
    body: {
      name: "fuzz key",
      environment: "test",
      scopes: ["audit.read"],
      readOnly: true,
      allowedCidrs: ["203.0.113.0/24"],
      expiresInDays: 30,
      rateLimitPerMinute: 100,
    },
  }),
  "api:revokeApiKey": (world) => ({ params: { keyId: world.spareKeyId } }),
  "api:rollApiKey": (world) => ({ params: { keyId: world.spareKeyId }, body: { graceHours: 1 } }),
  "api:listWebhooks": () => ({}),
  "api:createWebhook": () => ({
    body: {
      url: "https://hooks.example.com/new",
      description: "new",
      categories: ["custom"],
      actions: ["custom.*"],
      enabled: false,
    },
  }),
  "api:updateWebhook": (world) => ({
    params: { webhookId: world.webhookId },
    body: {
      url: "https://hooks.example.com/fuzz",
      description: "renamed",
      categories: ["audit"],
      actions: ["member.*"],
      enabled: true,
    },
  }),
  "api:deleteWebhook": (world) => ({ params: { webhookId: world.webhookId } }),
  "api:listWebhookDeliveries": (world) => ({
    params: { webhookId: world.webhookId },
    query: { limit: "10", status: "pending", before: "2099-01-01T00:00:00Z" },
  }),
  "api:testWebhook": (world) => ({ params: { webhookId: world.webhookId }, body: { type: "member.invited" } }),
  "api:listAuditSearches": () => ({}),
  "api:createAuditSearch": () => ({ body: { name: "Fuzz search", query: "outcome:denied", shared: true } }),
  "api:deleteAuditSearch": () => ({ params: { searchId: UNKNOWN_ID } }),
  "api:listLegalHolds": () => ({}),
  "api:listSecrets": () => ({}),
  "api:getSecret": (world) => ({ params: { name: world.secretName }, query: { version: "1" } }),
  "api:putSecret": (world) => ({
    params: { name: `fuzz-put-${++world.serial}` },
    body: { value: "v", description: "d" },
  }),
  "api:deleteSecret": (world) => ({ params: { name: world.secretName } }),
  "api:checkMessage": (world) => ({ body: { to: world.contactPhone, campaignId: world.campaignId } }),
  "api:sendMessage": (world) => ({ body: { to: world.contactPhone, campaignId: world.campaignId, body: "Hello" } }),
  "api:listMessages": () => ({ query: { status: "scheduled", limit: "10" } }),
  "api:listContacts": () => ({ query: { q: "305", state: "FL", optedOut: "false", limit: "10" } }),
  "api:createContact": () => ({
    body: {
      phone: testPhone(),
      name: "Fuzz lead",
      state: "FL",
      zip: "33101",
      timeZone: "America/New_York",
      consent: { source: "fuzz form", textShown: "Texts OK", formId: "f-1", ip: "203.0.113.9" },
    },
  }),
  "api:getContact": (world) => ({ params: { id: world.contactId } }),
  "api:updateContact": (world) => ({ params: { id: world.contactId }, body: { name: "Fuzz lead", state: "FL" } }),
  "api:deleteContact": (world) => ({ params: { id: world.contactId } }),
  "api:listConsents": (world) => ({ params: { id: world.contactId } }),
  "api:recordConsent": (world) => ({
    params: { id: world.contactId },
    body: { source: "fuzz form", textShown: "Texts OK", grantedAt: "2026-01-05T10:00:00Z" },
  }),
  "api:revokeConsent": (world) => ({ params: { id: world.contactId, consentId: world.consentId } }),
  "api:listDncEntries": () => ({ query: { q: "305", limit: "10" } }),
  "api:addDncEntry": () => ({ body: { phone: testPhone(), reason: "fuzz", source: "api" } }),
  "api:removeDncEntry": (world) => ({ params: { phone: world.dncPhone } }),
  "api:listCampaigns": () => ({ query: { archived: "false" } }),
  "api:createCampaign": (world) => ({
    body: { name: `fuzz-campaign-${++world.serial}`, purpose: "marketing", states: ["FL"], maxPer24h: 3 },
  }),
  "api:updateCampaign": (world) => ({ params: { id: world.campaignId }, body: { maxPer24h: 2, states: ["FL", "CT"] } }),
  "api:getMessagingSender": () => ({}),
  "api:setMessagingSender": () => ({ body: { sender: "outbox" } }),
  "api:getMessagingKillSwitch": () => ({}),
  "api:setMessagingKillSwitch": () => ({ body: { on: false, reason: "fuzz" } }),
  // Call recordings: the upload is multipart (no JSON body to spoil); the others reach the database with unknown ids.
  "api:uploadRecording": () => ({}),
  "api:listRecordings": () => ({ query: { status: "redacted", source: "fuzz source", limit: "10" } }),
  "api:getRecording": () => ({ params: { id: UNKNOWN_ID } }),
  "api:issueRecordingUrl": () => ({ params: { id: UNKNOWN_ID }, body: { expiresInSeconds: 60 } }),
  "api:deleteRecordingsBySource": () => ({ query: { source: "fuzz source" } }),
  "api:retryRecordingRedaction": () => ({ params: { id: UNKNOWN_ID }, body: {} }),
  "api:destroyRecording": () => ({ params: { id: UNKNOWN_ID } }),
  "api:createLegalHold": () => ({
    body: { name: "fuzz hold", matter: "a matter", scope: { kind: "dates", from: "2026-01-01", until: "2026-01-31" } },
  }),
  "api:releaseLegalHold": (world) => ({ params: { holdId: world.legalHoldId }, body: { reason: "matter closed" } }),
  "api:listSecurityAlerts": () => ({ query: { status: "all", limit: "10" } }),
  "api:acknowledgeSecurityAlert": (world) => ({ params: { alertId: world.securityAlertId }, body: { note: "on it" } }),
  "api:resolveSecurityAlert": (world) => ({ params: { alertId: world.securityAlertId }, body: { note: "done" } }),
  "api:listDataSubjectRequests": () => ({}),
  "api:recordDataSubjectRequest": () => ({
    body: { subject: "fuzz.person@example.com", type: "access", regime: "GDPR", receivedAt: "2026-01-31" },
  }),
  "api:completeDataSubjectRequest": (world) => ({ params: { requestId: world.dsrId }, body: { note: "sent" } }),
  "api:rejectDataSubjectRequest": (world) => ({ params: { requestId: world.dsrId }, body: { reason: "not verified" } }),
  "api:downloadAccessPackage": (world) => ({ params: { requestId: world.dsrId }, query: { format: "md" } }),
  "api:receiveInboundMessage": (world) => ({
    body: { from: "+12127360100", text: "Thanks, see you then", providerMessageId: `SMfuzz${++world.serial}` },
  }),

  // Org panel routes, with the owner's session
  "route:audit.entries.get": () => ({ query: { seq: "1" } }),
  "route:recordingAudio": () => ({
    query: { recording: UNKNOWN_ID, org: UNKNOWN_ID, expires: "9999999999", signature: "a".repeat(43) },
  }),
  "route:privacy_requests.access_package": (world) => ({ query: { request: world.dsrId, format: "json" } }),
  "route:audit.entries.activity": () => ({ query: { days: "30" } }),
  "route:audit.entries.values": () => ({ query: { field: "actor", typed: "fuzz" } }),
  "route:audit.entries.export": () => ({ query: { format: "csv", q: "fuzz", gzip: "0" } }),
  "route:audit.entries.list": () => ({ query: { q: "outcome:success wallet", limit: "10", beforeSeq: "100" } }),
  "route:audit.entries.verify": () => ({ query: { progress: "0" } }),
  "route:audit.entries.archive_search": () => ({ query: { q: "action:custom.*", limit: "10" } }),
  "route:audit.checkpoint.download": () => ({}),
  "route:auth.sign_up.api": (world) => ({
    body: { name: "Fuzz Person", email: fresh(world, "signup-api"), password: PASSWORD, organizationName: "Fuzz Co" },
  }),
  "route:api.openapi": () => ({}),
  // Refused without a valid X-Twilio-Signature (the fuzz world has no Twilio secrets): a 403 and no write, whatever comes.
  "route:twilioInboundWebhook": () => ({
    body: { AccountSid: `AC${"0".repeat(32)}`, MessageSid: "SMfuzz", From: "+12127360100", Body: "STOP" },
  }),
  "route:twilioStatusCallback": () => ({
    body: { AccountSid: `AC${"0".repeat(32)}`, MessageSid: "SMfuzz", MessageStatus: "undelivered", ErrorCode: "30003" },
  }),
  "route:messaging.dnc.import": () => ({ query: { fileName: "fuzz.csv" } }),
  "route:messaging.dnc.export": () => ({}),

  // Server actions of the organization, as its owner
  "action:audit.verify_chain": () => ({ body: {} }),
  "action:api_keys.create": () => ({
    body: { name: "panel key", environment: "test", scopes: ["audit.read"], allowedCidrs: [], expiresInDays: 7 },
  }),
  "action:api_keys.roll": (world) => ({ body: { keyId: world.spareKeyId, graceHours: 1 } }),
  "action:api_keys.revoke": (world) => ({ body: { keyId: world.spareKeyId } }),
  "action:api_keys.rename": (world) => ({ body: { keyId: world.spareKeyId, name: "Renamed spare" } }),
  "action:billing.change_plan": () => ({ body: { plan: "enterprise", seats: 10_000 } }),
  "action:billing.cancel": () => ({ body: {} }),
  "action:billing.add_payment_method": () => ({ body: { token: "pm_card_visa" } }),
  "action:billing.remove_payment_method": () => ({ body: {} }),
  "action:billing.close_period_now": () => ({ body: {} }),
  "action:billing.stripe_redirect": () => ({ body: { to: "setup" } }),
  "action:members.change_role": (world) => ({ body: { userId: world.memberUserId, role: "AUDITOR" } }),
  "action:members.remove": (world) => ({ body: { userId: world.memberUserId } }),
  "action:members.leave": () => ({ body: {} }),
  "action:org.transfer_ownership": (world) => ({ body: { userId: world.memberUserId } }),
  "action:invitations.create": (world) => ({ body: { email: fresh(world, "invite"), role: "MEMBER" } }),
  "action:invitations.resend": (world) => ({ body: { invitationId: world.invitationId } }),
  "action:invitations.revoke": (world) => ({ body: { invitationId: world.invitationId } }),
  "action:invitations.copy_link": (world) => ({ body: { invitationId: world.invitationId } }),
  "action:org.update_security_policy": () => ({
    body: { requireMfa: false, mfaGraceDays: 7, sessionIdleMinutes: 30, sessionAbsoluteHours: 12 },
  }),
  "action:sessions.revoke_own": (world) => ({ body: { sessionId: world.spareSessionId } }),
  "action:sessions.revoke_all_others": () => ({ body: {} }),
  "action:sessions.revoke_all_of_member": (world) => ({ body: { userId: world.memberUserId } }),
  "action:org.update_settings": (world) => ({
    body: {
      name: "Fuzz Target",
      slug: world.slug,
      brandColor: "#2f55d4",
      logoUrl: "https://cdn.example.com/logo.png",
      allowedEmailDomains: ["example.test"],
      featureFlags: { webhooks_beta: true },
    },
  }),
  "action:org.update_retention_policy": () => ({
    body: { keepForever: false, retentionYears: "10", hotWindowDays: "400" },
  }),
  "action:org.delete": (world) => ({ body: { confirmSlug: world.slug } }),
  "action:webhooks.create": () => ({
    body: { url: "https://hooks.example.com/panel", description: "panel", categories: [], actions: ["member.*"] },
  }),
  "action:webhooks.update": (world) => ({
    body: { endpointId: world.webhookId, description: "from the panel", enabled: true },
  }),
  "action:webhooks.delete": (world) => ({ body: { endpointId: world.webhookId } }),
  "action:webhooks.send_test": (world) => ({ body: { endpointId: world.webhookId } }),
  "action:webhooks.rotate_secret": (world) => ({ body: { endpointId: world.webhookId, graceHours: 1 } }),
  "action:webhooks.reveal_secret": (world) => ({ body: { endpointId: world.webhookId } }),
  "action:webhooks.list_deliveries": (world) => ({ body: { endpointId: world.webhookId, limit: 10 } }),
  "action:webhooks.replay_delivery": (world) => ({
    body: { endpointId: world.webhookId, deliveryId: world.deliveryId },
  }),
  "action:webhooks.recover_failed": (world) => ({
    body: { endpointId: world.webhookId, since: "2026-01-01T00:00:00Z" },
  }),
  "action:legal_holds.create": () => ({
    body: { name: "fuzz hold", matter: "a matter", scope: { kind: "query", query: 'action:custom.* "first entry"' } },
  }),
  "action:audit.save_search": () => ({ body: { name: "fuzz search", query: "action:custom.* wal_97", shared: true } }),
  "action:audit.delete_search": (world) => ({ body: { id: world.savedSearchId } }),
  "action:legal_holds.release": (world) => ({ body: { holdId: world.legalHoldId, reason: "matter closed" } }),
  "action:security_alerts.acknowledge": (world) => ({ body: { alertId: world.securityAlertId, note: "on it" } }),
  "action:security_alerts.resolve": (world) => ({ body: { alertId: world.securityAlertId } }),
  "action:privacy_requests.record": () => ({
    body: { subject: "fuzz.person@example.com", type: "erasure", regime: "CCPA", receivedAt: "" },
  }),
  "action:privacy_requests.complete": (world) => ({ body: { requestId: world.dsrId, note: "" } }),
  "action:privacy_requests.reject": (world) => ({ body: { requestId: world.dsrId, reason: "not verified" } }),
  // Support sessions: the owner's side (an unknown session answers 404) and platform staff's (the fuzz owner is not staff).
  "action:staff_access.approve": () => ({ body: { sessionId: UNKNOWN_ID } }),
  "action:staff_access.end_now": () => ({ body: { sessionId: UNKNOWN_ID } }),
  "action:staff_access.update_policy": () => ({ body: { approvalRequired: false } }),
  "action:staff.request_support_session": (world) => ({
    body: { orgSlug: world.slug, justification: "Investigating the customer's ticket 1234" },
  }),
  "action:staff.start_support_session": () => ({ body: { sessionId: UNKNOWN_ID } }),
  "action:staff.renew_support_session": () => ({ body: { sessionId: UNKNOWN_ID } }),
  // Recordings (the panel): Play on an unknown recording answers 404; a source with no recordings deletes none
  // (its count, 0, confirmed); the bulk job is queued in the fuzz organization. The upload route takes multipart,
  // which the fuzz cannot build: from {} it must answer 4xx (not multipart), never 5xx.
  "action:recordings.issue_url": () => ({ body: { recordingId: UNKNOWN_ID } }),
  "action:recordings.delete_source": () => ({ body: { source: "fuzz-source", expectedCount: 0 } }),
  "action:recordings.start_bulk_redaction": () => ({ body: { since: "2026-01-01T00:00:00Z" } }),
  "action:recordings.retry_redaction": () => ({ body: { recordingId: UNKNOWN_ID } }),
  "action:recordings.destroy": () => ({ body: { recordingId: UNKNOWN_ID } }),
  "route:recordings.upload": () => ({}),
  "action:staff.end_support_session": () => ({ body: { sessionId: UNKNOWN_ID } }),
  "action:secrets.create": (world) => ({
    body: { name: `fuzz-new-${++world.serial}`, description: "d", value: "a value" },
  }),
  "action:secrets.update": (world) => ({
    body: { secretId: world.secretId, value: "another value", description: "d" },
  }),
  "action:secrets.reveal": (world) => ({ body: { secretId: world.secretId, version: 1 } }),
  "action:secrets.share": (world) => ({ body: { secretId: world.secretId, with: { kind: "role", role: "AUDITOR" } } }),
  "action:secrets.unshare": (world) => ({ body: { secretId: world.secretId, shareId: world.secretShareId } }),
  "action:secrets.delete": (world) => ({ body: { secretId: world.secretId } }),
  "action:secrets.restore": (world) => ({ body: { secretId: world.secretId } }),

  "action:messaging.kill_switch.set": () => ({ body: { on: false, reason: "fuzz" } }),
  "action:messaging.contacts.create": () => ({
    body: {
      phone: "+13055550123",
      name: "Fuzz Lead",
      state: "FL",
      zip: "33101",
      consent: { source: "web", textShown: "ok" },
    },
  }),
  "action:messaging.consents.record": (world) => ({
    body: { contactId: world.contactId, source: "web form", textShown: "Yes, text me", formId: "f-1" },
  }),
  "action:messaging.contacts.update": (world) => ({
    body: { id: world.contactId, name: "Fuzz Lead Renamed", state: "FL", zip: "33101" },
  }),
  // An unknown id (404): deleting or archiving the world's own would spoil the baselines that use it.
  "action:messaging.contacts.delete": () => ({ body: { id: UNKNOWN_ID } }),
  "action:messaging.campaigns.archive": () => ({ body: { id: UNKNOWN_ID } }),
  "action:messaging.consents.revoke": () => ({ body: { contactId: UNKNOWN_ID, consentId: UNKNOWN_ID } }),
  "action:messaging.dnc.add": () => ({ body: { phone: "+13055550124", reason: "asked", source: "manual" } }),
  "action:messaging.campaigns.create": (world) => ({
    body: { name: `fuzz campaign ${++world.serial}`, purpose: "marketing", states: ["FL"], maxPer24h: 3 },
  }),
  "action:messaging.check": (world) => ({ body: { to: "+13055550125", campaignId: world.campaignId } }),

  // Actions of the signed-in person, and public ones
  "action:account.change_password": () => ({
    body: { currentPassword: "not the password", newPassword: PASSWORD, confirmPassword: PASSWORD },
  }),
  "action:account.update_profile": () => ({ body: { name: "Fuzz Person" } }),
  "action:account.set_display_time_zone": () => ({ body: { zone: "Europe/Paris" } }),
  "action:account.request_email_change": (world) => ({
    body: { newEmail: fresh(world, "newaddress"), currentPassword: "not the password", code: "123456" },
  }),
  "action:auth.confirm_email_change": () => ({ body: { token: "x".repeat(43) } }),
  "action:auth.step_up": () => ({ body: { password: "not the password", code: "123456" } }),
  "action:mfa.enrolment.start": () => ({ body: {} }),
  "action:mfa.enrolment.confirm": () => ({ body: { code: "123456" } }),
  "action:mfa.recovery_codes.regenerate": () => ({ body: {} }),
  "action:mfa.disable": () => ({ body: {} }),
  "action:org.create": () => ({ body: { name: "Another Fuzz Org" } }),
  "action:invitations.accept": () => ({ body: { token: "x".repeat(43) } }),
  "action:invitations.accept_as_new_user": () => ({
    body: { token: "x".repeat(43), name: "New Person", password: PASSWORD },
  }),
  "action:auth.sign_up": (world) => ({
    body: { name: "Fuzz Person", email: fresh(world, "signup"), password: PASSWORD, organizationName: "Fuzz Co" },
  }),
  "action:auth.sign_in.password": () => ({ body: { email: "nobody@example.test", password: "not the password" } }),
  "action:auth.sign_in.second_factor": () => ({ body: { challenge: "not-a-challenge", code: "123456" } }),
  "action:auth.request_password_reset": (world) => ({ body: { email: fresh(world, "reset") } }),
  "action:auth.complete_password_reset": () => ({
    body: { token: "x".repeat(43), password: PASSWORD, confirmPassword: PASSWORD },
  }),
  "action:auth.verify_email": () => ({ body: { token: "x".repeat(43) } }),
};
