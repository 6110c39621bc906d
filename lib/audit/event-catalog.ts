import { z } from "zod";
import { MESSAGING_AUDIT_EVENTS } from "./messaging-events";
import { RECORDING_EVENTS } from "@/lib/recordings/recording-events";
import { SECURITY_ALERT_KIND_NAMES, SECURITY_ALERT_SEVERITIES } from "./security-alerts/alert-kinds";

/**
 * Every action the audit trail records, with the schema its metadata must satisfy. An event that is
 * not in this catalog, or whose metadata does not match, cannot be appended: the trail stays
 * queryable by action and free of ad-hoc shapes. Later features add their actions here.
 */

export const AUDIT_CATEGORIES = [
  "authentication",
  "access",
  "credentials",
  "api_keys",
  "webhooks",
  "org_settings",
  "billing",
  "privacy",
  "compliance",
  "audit",
  "custom",
] as const;
export type AuditCategory = (typeof AUDIT_CATEGORIES)[number];

const none = z.object({}).strict();
/** The security_alerts row a security.alert entry opened (absent on entries written before alerts had rows). */
const alertLink = { alertId: z.string().optional(), severity: z.enum(SECURITY_ALERT_SEVERITIES).optional() };
const alertStatusChange = z
  .object({
    alertId: z.string(),
    kind: z.string(),
    title: z.string(),
    count: z.number().int(),
    note: z.string().optional(),
  })
  .strict();
const roleName = z.enum(["OWNER", "ADMIN", "MEMBER", "AUDITOR"]);
const retentionPolicy = z
  .object({ retentionDays: z.number().int().nullable(), hotWindowDays: z.number().int() })
  .strict();
const legalHoldMetadata = z
  .object({
    name: z.string(),
    scope: z
      .object({
        kind: z.enum(["org", "people", "dates", "query"]),
        people: z.array(z.string()).optional(),
        from: z.string().optional(),
        until: z.string().optional(),
        query: z.string().optional(),
      })
      .strict(),
    reason: z.string(),
  })
  .strict();

const dsrMetadata = z
  .object({ subject: z.string(), type: z.enum(["access", "erasure"]), regime: z.enum(["GDPR", "CCPA"]) })
  .strict();

/**
 * Platform staff in an organization (support mode): every entry names the staff member (the actor, or
 * `staffEmail` when an owner acts on the session), the session, its written justification and the target
 * organization, and carries `staffAccess: true`, so an auditor filters them all with `action:staff_access.*`.
 */
const staffAccess = (extra: z.ZodRawShape = {}) =>
  z
    .object({
      staffAccess: z.literal(true),
      supportSessionId: z.string(),
      staffUserId: z.string(),
      staffEmail: z.string(),
      justification: z.string(),
      targetOrg: z.string(),
      ...extra,
    })
    .strict();

const secretVersionMetadata = z.object({ name: z.string(), version: z.number().int() }).strict();
const secretShareMetadata = z
  .object({
    name: z.string(),
    with: z.enum(["user", "role"]),
    member: z.string().optional(),
    role: roleName.optional(),
  })
  .strict();

export const AUDIT_EVENTS = {
  "user.signed_up": { category: "authentication", metadata: z.object({ email: z.string() }).strict() },
  /** Someone tried to sign up with this account's address (told by mail, never on the screen), or was throttled. */
  "user.sign_up_refused": {
    category: "authentication",
    metadata: z.object({ reason: z.enum(["email_taken", "ip_throttled", "globally_throttled"]) }).strict(),
  },
  /** The address is proven: a confirmation link, a reset link, or the instance's first account (its operator). */
  "user.email_verified": {
    category: "authentication",
    metadata: z.object({ via: z.enum(["link", "password_reset", "first_account"]) }).strict(),
  },
  "user.signed_in": {
    category: "authentication",
    metadata: z.object({ method: z.enum(["password", "totp", "recovery_code"]) }).strict(),
  },
  "user.signed_out": { category: "authentication", metadata: none },
  "user.sign_in_failed": {
    category: "authentication",
    metadata: z
      .object({
        reason: z.enum([
          "wrong_password",
          "account_locked",
          "ip_throttled",
          "wrong_second_factor",
          "challenge_expired",
          "session_invalid",
          "email_unverified",
        ]),
        failures: z.number().int().optional(),
      })
      .strict(),
  },
  "user.locked_out": {
    category: "authentication",
    metadata: z.object({ failures: z.number().int(), lockedUntil: z.string(), lockout: z.number().int() }).strict(),
  },
  "session.revoked": {
    category: "authentication",
    metadata: z
      .object({ sessionId: z.string(), scope: z.enum(["one", "all_others", "all_of_member"]).optional() })
      .strict(),
  },
  "mfa.enrolled": { category: "authentication", metadata: z.object({ method: z.literal("totp") }).strict() },
  "mfa.disabled": { category: "authentication", metadata: z.object({ method: z.literal("totp") }).strict() },
  "mfa.recovery_code_used": {
    category: "authentication",
    metadata: z.object({ remaining: z.number().int() }).strict(),
  },
  "mfa.recovery_codes_regenerated": {
    category: "authentication",
    metadata: z.object({ count: z.number().int() }).strict(),
  },
  "step_up.passed": {
    category: "authentication",
    metadata: z.object({ method: z.enum(["password", "password_totp", "password_recovery_code"]) }).strict(),
  },
  "step_up.failed": { category: "authentication", metadata: z.object({ reason: z.string() }).strict() },
  "password.reset_requested": { category: "credentials", metadata: none },
  "password.reset_completed": { category: "credentials", metadata: none },

  "org.created": { category: "org_settings", metadata: z.object({ name: z.string(), slug: z.string() }).strict() },
  "org.deleted": { category: "org_settings", metadata: z.object({ name: z.string(), slug: z.string() }).strict() },
  "org.updated": {
    category: "org_settings",
    metadata: z
      .object({ before: z.record(z.string(), z.unknown()), after: z.record(z.string(), z.unknown()) })
      .strict(),
  },
  /** The audit trail's retention (lib/lifecycle): days kept (null: forever) and days in PostgreSQL before archiving. */
  "org.retention_updated": {
    category: "org_settings",
    metadata: z.object({ before: retentionPolicy, after: retentionPolicy }).strict(),
  },

  "member.added": { category: "access", metadata: z.object({ role: roleName }).strict() },
  "member.invited": {
    category: "access",
    metadata: z.object({ email: z.string(), role: roleName, resent: z.boolean().optional() }).strict(),
  },
  "member.joined": {
    category: "access",
    metadata: z.object({ role: roleName, invitationId: z.string().optional() }).strict(),
  },
  "member.left": { category: "access", metadata: z.object({ role: roleName }).strict() },
  "invitation.revoked": { category: "access", metadata: z.object({ email: z.string(), role: roleName }).strict() },
  /** A fresh link minted for the inviter to hand over (the earlier one stops working); the link is never recorded. */
  "invitation.link_copied": {
    category: "access",
    metadata: z.object({ email: z.string(), role: roleName }).strict(),
  },
  "invitation.expired": { category: "access", metadata: z.object({ email: z.string(), role: roleName }).strict() },
  "ownership.transferred": { category: "access", metadata: z.object({ from: z.string(), to: z.string() }).strict() },
  "security.alert": {
    category: "access",
    metadata: z.union([
      z
        .object({
          reason: z.literal("repeated_cross_tenant_attempts"),
          attempts: z.number().int(),
          windowMinutes: z.number().int(),
          ...alertLink,
        })
        .strict(),
      /** The integrator found the chain broken and stopped signing checkpoints (lib/audit/integrate). */
      z
        .object({
          reason: z.literal("audit_chain_broken"),
          /** The first bad seq, as text (seqs are bigints). */
          seq: z.string(),
          kind: z.string(),
          detail: z.string(),
          ...alertLink,
        })
        .strict(),
      /** The other kinds of lib/audit/security-alerts/alert-kinds.ts: what, and about whom it is in the target. */
      z
        .object({
          reason: z.enum(SECURITY_ALERT_KIND_NAMES).exclude(["repeated_cross_tenant_attempts", "audit_chain_broken"]),
          ...alertLink,
          detail: z.string().optional(),
        })
        .strict(),
    ]),
  },
  "security.alert_acknowledged": { category: "access", metadata: alertStatusChange },
  "security.alert_resolved": { category: "access", metadata: alertStatusChange },
  "member.role_changed": { category: "access", metadata: z.object({ from: roleName, to: roleName }).strict() },
  "member.removed": { category: "access", metadata: z.object({ role: roleName }).strict() },
  "access.denied": {
    category: "access",
    metadata: z
      .object({ permission: z.string().optional(), reason: z.string(), crossTenant: z.boolean().optional() })
      .strict(),
  },

  "staff_access.requested": { category: "access", metadata: staffAccess({ approvalNeeded: z.boolean() }) },
  "staff_access.approved": { category: "access", metadata: staffAccess() },
  "staff_access.started": { category: "access", metadata: staffAccess({ expiresAt: z.string() }) },
  "staff_access.renewed": { category: "access", metadata: staffAccess({ expiresAt: z.string() }) },
  "staff_access.ended": {
    category: "access",
    metadata: staffAccess({ endedBy: z.enum(["staff", "owner"]), reason: z.string().optional() }),
  },
  /** A page view or a read through the panel's API during a support session. */
  "staff_access.viewed": {
    category: "access",
    metadata: staffAccess({
      permission: z.string(),
      via: z.enum(["page", "api", "action"]),
      method: z.string().optional(),
    }),
  },
  /** Support mode is read-only: a change it attempted, refused by the guard. */
  "staff_access.write_refused": { category: "access", metadata: staffAccess({ permission: z.string() }) },

  "password.changed": { category: "credentials", metadata: none },
  /** A person asked to move their account to a new address: a link went to it, the old address was told. */
  "user.email_change_requested": {
    category: "credentials",
    metadata: z.object({ to: z.string() }).strict(),
  },
  /** The link mailed to the new address was opened: the account signs in with it from now on. */
  "user.email_changed": {
    category: "credentials",
    metadata: z.object({ before: z.object({ email: z.string() }), after: z.object({ email: z.string() }) }).strict(),
  },
  /** A person changed their own display name (Your account → Profile). */
  "user.profile_updated": {
    category: "access",
    metadata: z.object({ before: z.object({ name: z.string() }), after: z.object({ name: z.string() }) }).strict(),
  },

  "api_key.created": {
    category: "api_keys",
    metadata: z
      .object({
        name: z.string(),
        environment: z.enum(["live", "test"]),
        scopes: z.array(z.string()),
        readOnly: z.boolean(),
        allowedCidrs: z.array(z.string()),
        rateLimitPerMinute: z.number().int(),
        expiresAt: z.string(),
      })
      .strict(),
  },
  "api_key.rolled": {
    category: "api_keys",
    metadata: z
      .object({
        name: z.string(),
        replacementId: z.string(),
        graceHours: z.number().int(),
        oldKeyWorksUntil: z.string(),
      })
      .strict(),
  },
  /** Only the name changes: scopes, ranges and limits are fixed at creation (a roll or a new key changes them). */
  "api_key.renamed": {
    category: "api_keys",
    metadata: z.object({ from: z.string(), to: z.string() }).strict(),
  },
  "api_key.revoked": {
    category: "api_keys",
    metadata: z.object({ name: z.string(), reason: z.literal("revoked") }).strict(),
  },
  "api_key.auto_revoked": {
    category: "api_keys",
    metadata: z
      .object({ name: z.string(), reason: z.enum(["creator_left", "creator_removed", "parent_revoked"]) })
      .strict(),
  },
  "api_key.expired": { category: "api_keys", metadata: z.object({ name: z.string(), expiresAt: z.string() }).strict() },
  "api_key.expiry_reminder": {
    category: "api_keys",
    metadata: z
      .object({ name: z.string(), expiresAt: z.string(), daysLeft: z.number().int(), notified: z.string() })
      .strict(),
  },
  /** A request with a genuine key that was refused: evidence of a leaked key, a misconfiguration or a probe. */
  "api_key.use_denied": {
    category: "api_keys",
    metadata: z
      .object({
        reason: z.enum([
          "ip_not_allowed",
          "read_only",
          "missing_scope",
          "rate_limited",
          "expired",
          "revoked",
          "creator_not_member",
          "parent_revoked",
        ]),
        method: z.string(),
        path: z.string(),
        permission: z.string().optional(),
        limit: z.number().int().optional(),
      })
      .strict(),
  },

  "webhook.created": {
    category: "webhooks",
    metadata: z
      .object({
        url: z.string(),
        description: z.string(),
        categories: z.array(z.string()),
        actions: z.array(z.string()),
        enabled: z.boolean(),
      })
      .strict(),
  },
  "webhook.updated": {
    category: "webhooks",
    metadata: z
      .object({ before: z.record(z.string(), z.unknown()), after: z.record(z.string(), z.unknown()) })
      .strict(),
  },
  "webhook.deleted": { category: "webhooks", metadata: z.object({ url: z.string() }).strict() },
  "webhook.enabled": { category: "webhooks", metadata: z.object({ url: z.string() }).strict() },
  "webhook.disabled": {
    category: "webhooks",
    metadata: z.object({ url: z.string(), reason: z.enum(["manual", "gone"]) }).strict(),
  },
  "webhook.auto_disabled": {
    category: "webhooks",
    metadata: z
      .object({
        url: z.string(),
        failingSince: z.string(),
        lastError: z.string().nullable(),
        notified: z.array(z.string()),
      })
      .strict(),
  },
  "webhook.secret_rotated": {
    category: "webhooks",
    metadata: z.object({ graceHours: z.number().int(), oldSecretSignsUntil: z.string() }).strict(),
  },
  "webhook.secret_revealed": { category: "webhooks", metadata: none },
  "webhook.replay_requested": {
    category: "webhooks",
    metadata: z.object({ deliveryId: z.string(), replayId: z.string(), eventType: z.string() }).strict(),
  },
  "webhook.recover_requested": {
    category: "webhooks",
    metadata: z.object({ since: z.string(), count: z.number().int() }).strict(),
  },
  /** eventType: the sample's type, when the test was a catalog sample rather than webhook.test. */
  "webhook.test_sent": {
    category: "webhooks",
    metadata: z.object({ deliveryId: z.string(), eventType: z.string().optional() }).strict(),
  },

  "billing.plan_changed": {
    category: "billing",
    metadata: z.object({ from: z.string(), to: z.string(), seats: z.number().int() }).strict(),
  },
  "billing.seats_changed": {
    category: "billing",
    metadata: z.object({ from: z.number().int(), to: z.number().int(), plan: z.string() }).strict(),
  },
  "billing.cancellation_scheduled": {
    category: "billing",
    metadata: z.object({ plan: z.string(), effectiveAt: z.string() }).strict(),
  },
  "billing.payment_method_added": {
    category: "billing",
    metadata: z.object({ brand: z.string(), last4: z.string() }).strict(),
  },
  "billing.payment_method_removed": {
    category: "billing",
    metadata: z.object({ brand: z.string(), last4: z.string() }).strict(),
  },
  "billing.invoice_issued": {
    category: "billing",
    metadata: z
      .object({
        number: z.number().int(),
        totalCents: z.number().int(),
        currency: z.string(),
        periodStart: z.string(),
        periodEnd: z.string(),
      })
      .strict(),
  },
  "billing.invoice_paid": {
    category: "billing",
    metadata: z.object({ number: z.number().int(), totalCents: z.number().int() }).strict(),
  },
  "billing.invoice_failed": {
    category: "billing",
    metadata: z.object({ number: z.number().int(), totalCents: z.number().int(), reason: z.string() }).strict(),
  },
  "billing.limit_reached": {
    category: "billing",
    metadata: z.object({ limit: z.string(), plan: z.string(), allowed: z.number().int() }).strict(),
  },

  /**
   * Legal holds (issue 18) are privacy events: a hold keeps personal data and the trail from being purged
   * or erased. The scope is what the hold names (kind, and people, dates or the search); the reason is the
   * matter when placed, the release reason when released.
   */
  "legal_hold.created": { category: "privacy", metadata: legalHoldMetadata },
  "legal_hold.released": { category: "privacy", metadata: legalHoldMetadata },
  /**
   * Data-subject requests (GDPR / CCPA). The subject is the identifier the request names (an email or a user
   * id) and nothing more about the person; the completion record says what was erased or delivered and what
   * was kept and why (lib/privacy/dsr-schemas.ts, ZCompletionRecord).
   */
  "dsr.received": { category: "privacy", metadata: dsrMetadata.extend({ dueAt: z.string() }).strict() },
  "dsr.completed": {
    category: "privacy",
    metadata: dsrMetadata.extend({ record: z.record(z.string(), z.unknown()) }).strict(),
  },
  "dsr.rejected": { category: "privacy", metadata: dsrMetadata.extend({ reason: z.string() }).strict() },
  "privacy.data_exported": { category: "privacy", metadata: z.object({ subject: z.string() }).passthrough() },

  /** Organization secrets (lib/secrets): their names and versions, never a value nor a hash of one. */
  "secret.created": { category: "credentials", metadata: secretVersionMetadata },
  "secret.updated": { category: "credentials", metadata: secretVersionMetadata },
  "secret.revealed": { category: "credentials", metadata: secretVersionMetadata },
  /** A read of the value through the API, by the key that is the entry's actor. */
  "secret.accessed": { category: "credentials", metadata: secretVersionMetadata },
  "secret.shared": { category: "credentials", metadata: secretShareMetadata },
  "secret.unshared": { category: "credentials", metadata: secretShareMetadata },
  "secret.deleted": { category: "credentials", metadata: z.object({ name: z.string() }).strict() },
  "secret.restored": { category: "credentials", metadata: z.object({ name: z.string() }).strict() },
  "secret.destroyed": {
    category: "credentials",
    metadata: z.object({ name: z.string(), versions: z.number().int() }).strict(),
  },
  /** `verity keys rotate --org … --data-key`: the organization's values re-encrypted under a new data key. */
  "secret.data_key_rotated": {
    category: "credentials",
    metadata: z.object({ dataKeyId: z.string(), reencrypted: z.number().int() }).strict(),
  },

  "audit.chain_verified": {
    category: "audit",
    metadata: z
      .object({
        checked: z.number().int(),
        ok: z.boolean(),
        firstBadSeq: z.string().nullable(),
        /** The size of the latest signed checkpoint the entries were checked against. */
        checkpointSize: z.string().nullable().optional(),
        /** The archived segments checked before the hot chain, and the entries they hold (absent: none archived). */
        archivedSegments: z.number().int().nonnegative().optional(),
        archivedEntries: z.string().optional(),
      })
      .strict(),
  },
  /** A segment of the chain left PostgreSQL for the archive (lib/lifecycle/archive): its range and object. */
  "audit.archived": {
    category: "audit",
    metadata: z
      .object({
        fromSeq: z.string(),
        toSeq: z.string(),
        count: z.number().int().positive(),
        objectKey: z.string(),
        objectSha256: z.string(),
        checkpointSize: z.string(),
        store: z.string(),
      })
      .strict(),
  },
  /** An archived segment was deleted from the archive at the end of retention (lib/lifecycle/archive/purge-archive.ts). */
  "audit.purged": {
    category: "audit",
    metadata: z
      .object({
        fromSeq: z.string(),
        toSeq: z.string(),
        objectKey: z.string(),
        objectSha256: z.string(),
        lastOccurredAt: z.string(),
        retentionDays: z.number().int().positive(),
      })
      .strict(),
  },
  /** A saved audit search was shared with the organization (lib/audit/saved-searches.ts); personal ones are not recorded. */
  "audit.search_shared": {
    category: "audit",
    metadata: z.object({ name: z.string(), query: z.string() }).strict(),
  },
  "audit.shared_search_deleted": {
    category: "audit",
    metadata: z.object({ name: z.string(), query: z.string() }).strict(),
  },
  "audit.exported": {
    category: "audit",
    metadata: z
      .object({
        format: z.enum(["ndjson", "csv", "json", "ocsf", "cef", "bundle"]),
        /** The search as typed ("" for everything, and for a bundle, which is a seq range). */
        query: z.string().default(""),
        /** Entries that left the server. */
        count: z.number().int().nonnegative(),
        /** false when the download stopped before its end (closed, or failed). */
        complete: z.boolean().default(true),
        gzip: z.boolean().optional(),
        /** false when the archived entries were left out on request (default: they are included). */
        archive: z.boolean().optional(),
        /** A bundle's range. */
        fromSeq: z.string().optional(),
        toSeq: z.string().optional(),
      })
      .strict(),
  },
  ...MESSAGING_AUDIT_EVENTS,
  ...RECORDING_EVENTS,
} as const satisfies Record<string, { category: AuditCategory; metadata: z.ZodType }>;

export type CatalogAction = keyof typeof AUDIT_EVENTS;
/** Customers' own events ingested through the API live under `custom.`, with free-form metadata. */
export type CustomAction = `custom.${string}`;
export type AuditAction = CatalogAction | CustomAction;

const customAction = /^custom\.[a-z0-9_]+(\.[a-z0-9_]+)*$/;
const customMetadata = z.record(z.string(), z.unknown());

export function isAuditAction(action: string): action is AuditAction {
  return action in AUDIT_EVENTS || customAction.test(action);
}

/** The category an action belongs to, and its metadata parsed against the catalog. Throws on a mismatch. */
export function parseAuditEvent(
  action: string,
  metadata: unknown,
): { category: AuditCategory; metadata: Record<string, unknown> } {
  const [category, schema]: [AuditCategory, z.ZodType] | [null, null] =
    action in AUDIT_EVENTS
      ? [AUDIT_EVENTS[action as CatalogAction].category, AUDIT_EVENTS[action as CatalogAction].metadata]
      : customAction.test(action)
        ? ["custom", customMetadata]
        : [null, null];
  if (!category) throw new Error(`"${action}" is not an action of the audit event catalog`);
  // A plain Error, not a ZodError: a malformed event is a bug in the server, never the client's bad input.
  const parsed = schema.safeParse(metadata ?? {});
  if (!parsed.success)
    throw new Error(`metadata of audit event "${action}" does not match the catalog: ${parsed.error.message}`);
  return { category, metadata: parsed.data as Record<string, unknown> };
}
