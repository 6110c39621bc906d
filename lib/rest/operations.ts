import { z } from "zod";
import { ZApiKeyView, ZCreateApiKey, ZCreatedApiKey } from "@/lib/api-keys/schemas";
import { ZAuditEntryView } from "@/lib/audit/audit-entry-view";
import { EXPORT_TOTAL_HEADER, ZAuditDownload } from "@/lib/audit/export/audit-download-query";
import { ZAuditFilters } from "@/lib/audit/search/audit-filters";
import { MAX_QUERY_LENGTH } from "@/lib/audit/search/tokenize-audit-query";
import { ZRetentionPolicy } from "@/lib/lifecycle/retention-policy-view";
import { PERMISSIONS, ROLES } from "@/lib/rbac/permissions";
import { ZListDeliveries } from "@/lib/webhooks/deliveries";
import { sampleEventBody } from "@/lib/webhooks/event-samples";
import {
  ZCreateWebhookEndpoint,
  ZUpdateWebhookEndpoint,
  ZWebhookDeliveryView,
  ZWebhookEndpointView,
} from "@/lib/webhooks/schemas";
import { AUDIT_LOG_OPERATIONS } from "./audit-log-operations";
import { ZIngestEvent } from "./ingest-event";
import { DATA_SUBJECT_REQUEST_OPERATIONS } from "./data-subject-request-operations";
import { MAX_BATCH_BODY_BYTES, MAX_BATCH_EVENTS, ZIngestBatch, ZIngestedBatch } from "./ingest-event-batch";
import { LEGAL_HOLD_OPERATIONS } from "./legal-hold-operations";
import { MEMBER_OPERATIONS } from "./member-operations";
import { MESSAGING_IMPORT_OPERATIONS } from "./messaging-import-operations";
import { MESSAGING_OPERATIONS } from "./messaging-operations";
import { MESSAGING_DELIVERY_OPERATIONS } from "./messaging-delivery-operations";
import { RECORDING_OPERATIONS } from "./recording-operations";
import { SAVED_SEARCH_OPERATIONS } from "./saved-search-operations";
import { SECURITY_ALERT_OPERATIONS } from "./security-alert-operations";
import { SECRET_OPERATIONS } from "./secret-operations";
import type { ApiOperation } from "@/lib/guard/api-operation";

const ZRole = z.enum(ROLES);
const ZKeyIdParams = z.object({ keyId: z.uuid("Not an API key id.") }).strict();
const ZWebhookIdParams = z.object({ webhookId: z.uuid("Not a webhook endpoint id.") }).strict();
/** An empty body (or none) sends webhook.test; `type` sends that event type's catalog sample. */
const ZSendTestEvent = z
  .object({
    type: z
      .string()
      .max(100)
      .refine((type) => sampleEventBody(type) !== null, "Not an event type Verity records (see the Event types page).")
      .optional()
      .describe("An event type of the catalog, such as member.invited."),
  })
  .strict();

export const ZMe = z.object({
  organization: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
  key: z.object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    environment: z.enum(["live", "test"]),
    readOnly: z.boolean(),
    scopes: z.array(z.string()).describe("The scopes the key was given."),
    effectivePermissions: z
      .array(z.enum(PERMISSIONS))
      .describe("Its scopes intersected with its creator's current role: what it may do now."),
    allowedCidrs: z.array(z.string()),
    expiresAt: z.string(),
  }),
  actingFor: z.object({ userId: z.string(), email: z.string(), role: ZRole }),
  rateLimit: z.object({ limit: z.number(), remaining: z.number(), resetSeconds: z.number() }),
});

export const ZAuditEventsQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z
      .string()
      .max(200)
      .optional()
      .describe("A page's nextCursor (the entries just older than it) or prevCursor (the entries just newer)."),
    q: z
      .string()
      .max(MAX_QUERY_LENGTH)
      .default("")
      .describe(
        "A search, as on the audit screen: action:member.* category: actor: target: outcome: ip: (address or " +
          'CIDR) country: created:>=2026-11-01 (or a..b), -negation, "free text". ANDed with the filters ' +
          "below. A syntax error is a 400 whose `position` and `length` point into q.",
      ),
    ...ZAuditFilters.shape,
  })
  .strict();

/** A chain verification's result: the last line of the panel's progress stream, without its type. */
export const ZVerificationResult = z.object({
  ok: z.boolean(),
  checked: z.number().int().describe("Entries whose content and link were recomputed."),
  headSeq: z.string().describe("The chain head when verification started."),
  headHash: z.string(),
  pending: z
    .number()
    .int()
    .describe(
      "Entries committed but not linked into the chain yet (usually 0; the worker links them within seconds): " +
        "not part of the chain yet, never a break.",
    ),
  archivedThrough: z
    .string()
    .describe(
      'Entries 1..archivedThrough are in the archive ("0": none); the chain was checked from the next one, linked to ' +
        "the archive's last hash. `verity archive verify` checks the archived segments.",
    ),
  firstBad: z
    .object({
      seq: z.string(),
      kind: z.enum(["content", "link", "gap", "order", "inserted", "head", "checkpoint"]),
      detail: z.string(),
    })
    .nullable()
    .describe(
      "The first entry that does not check out, and why (kind checkpoint: seq is the size of a signed checkpoint " +
        "the entries no longer match); null when the chain is intact.",
    ),
  checkpoint: z
    .object({ size: z.string(), rootHash: z.string(), keyId: z.string(), signedAt: z.string() })
    .nullable()
    .describe("The latest signed checkpoint the entries were checked against; null before the first is signed."),
});

export const ZApiMember = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  role: ZRole,
  mfaEnabled: z.boolean(),
  lastActiveAt: z.string().nullable(),
});

const page = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), nextCursor: z.string().nullable() });

/** Every operation of /api/v1. The handlers in app/api/v1 and the OpenAPI document both read this list. */
export const API_OPERATIONS = {
  me: {
    operationId: "getMe",
    method: "GET",
    path: "/me",
    tag: "Keys",
    summary: "The calling key: its organization, scopes, effective permissions and limits",
    permission: null,
    response: ZMe,
    status: 200,
  },
  listAuditEvents: {
    operationId: "listAuditEvents",
    method: "GET",
    path: "/audit-events",
    tag: "Audit trail",
    summary: "Audit entries, newest first, with filters and cursor pagination both ways",
    permission: "audit.read",
    query: ZAuditEventsQuery,
    response: page(ZAuditEntryView).extend({
      nextCursor: z
        .string()
        .nullable()
        .describe("The cursor of the page of entries just older than these; null on the oldest page."),
      prevCursor: z
        .string()
        .describe(
          "The cursor of the entries just newer than these. Given on the newest page too: poll it to follow " +
            "the trail (an empty page hands back the same cursor).",
        ),
    }),
    status: 200,
  },
  exportAuditEvents: {
    operationId: "exportAuditEvents",
    method: "GET",
    path: "/audit-events/export",
    tag: "Audit trail",
    summary: "Download the entries matching a search (NDJSON, CSV, JSON, OCSF, CEF) or a verifiable bundle, streamed",
    description:
      `Oldest first, in constant memory whatever the size. ${EXPORT_TOTAL_HEADER} gives the number of ` +
      `entries before the first byte. Every export is recorded in the trail (audit.exported) with the key ` +
      `as actor, the format, the search and the count, once the download ends. A bundle (format=bundle) is ` +
      `a contiguous range fromSeq..toSeq led by a header line; check it offline with \`npx verity verify-export <file>\`.`,
    permission: "audit.export",
    query: ZAuditDownload.strict(),
    response: z.array(ZAuditEntryView),
    status: 200,
    stream: {
      contentTypes: [
        "application/x-ndjson",
        "text/csv; charset=utf-8",
        "application/json",
        "text/plain; charset=utf-8",
        "application/gzip",
      ],
      description:
        "The download (Content-Disposition: attachment). application/json is the json format: an array of entries.",
      headers: {
        [EXPORT_TOTAL_HEADER]: { description: "How many entries the download holds.", schema: { type: "integer" } },
      },
    },
  },
  verifyAuditEvents: {
    operationId: "verifyAuditEvents",
    method: "GET",
    path: "/audit-events/verify",
    tag: "Audit trail",
    summary: "Recompute the organization's hash chain and name the first entry that does not check out",
    description:
      "Recorded in the trail (audit.chain_verified) with the key as actor. The body is written when " +
      "verification ends: a long chain takes a while.",
    permission: "audit.verify",
    response: ZVerificationResult,
    status: 200,
    stream: { contentTypes: ["application/json"], description: "The verification's result" },
  },
  ingestAuditEvent: {
    operationId: "ingestAuditEvent",
    method: "POST",
    path: "/audit-events",
    tag: "Audit trail",
    summary: "Record one of your own events (category custom) in the organization's chain",
    description:
      "The action is recorded as custom.<action>, with the key as actor. Send an Idempotency-Key header to " +
      "make retries safe: the same key within 24 hours answers the first response without recording twice.",
    permission: "audit.ingest",
    body: ZIngestEvent,
    response: ZAuditEntryView,
    status: 201,
    idempotent: true,
    oneStatementWithoutIdempotencyKey: true,
  },
  ingestAuditEventBatch: {
    operationId: "ingestAuditEventBatch",
    method: "POST",
    path: "/audit-events/batch",
    tag: "Audit trail",
    summary: `Record up to ${MAX_BATCH_EVENTS.toLocaleString("en-US")} of your own events in one request, all or none`,
    description:
      "Each event is what POST /audit-events takes. The events are recorded in one transaction, as consecutive " +
      "entries in the order sent: all of them, or none. An invalid event refuses the whole batch with 400, its " +
      "problems keyed by its index (`events.3.action`). Usage counts each event. Send an Idempotency-Key header " +
      "to make retries safe: the same key within 24 hours answers the first response without recording twice. " +
      `The body may be up to ${MAX_BATCH_BODY_BYTES / 1024 / 1024} MB.`,
    permission: "audit.ingest",
    body: ZIngestBatch,
    maxBodyBytes: MAX_BATCH_BODY_BYTES,
    response: ZIngestedBatch,
    status: 201,
    idempotent: true,
    oneStatementWithoutIdempotencyKey: true,
  },
  ...AUDIT_LOG_OPERATIONS,
  ...MESSAGING_IMPORT_OPERATIONS,
  getRetentionPolicy: {
    operationId: "getRetentionPolicy",
    method: "GET",
    path: "/retention-policy",
    tag: "Audit trail",
    summary: "How long the organization's audit trail is kept, and how long it stays in the database before archiving",
    description:
      "Seven years and 400 days unless an owner changed it. Changing it needs an owner who has just confirmed " +
      "it's them in the panel (Settings), so no API key can.",
    permission: "audit.read",
    response: ZRetentionPolicy,
    status: 200,
  },
  listMembers: {
    operationId: "listMembers",
    method: "GET",
    path: "/members",
    tag: "Members",
    summary: "The organization's members",
    permission: "members.read",
    query: z
      .object({
        q: z.string().trim().max(100).default(""),
        role: ZRole.optional(),
        page: z.coerce.number().int().min(1).max(10_000).default(1),
        pageSize: z.coerce.number().int().min(1).max(100).default(50),
      })
      .strict(),
    response: z.object({ data: z.array(ZApiMember), total: z.number() }),
    status: 200,
  },
  listApiKeys: {
    operationId: "listApiKeys",
    method: "GET",
    path: "/api-keys",
    tag: "Keys",
    summary: "API keys: every key of the organization with api_keys.manage_all, otherwise the creator's own",
    permission: "api_keys.read",
    response: z.object({ data: z.array(ZApiKeyView) }),
    status: 200,
  },
  createApiKey: {
    operationId: "createApiKey",
    method: "POST",
    path: "/api-keys",
    tag: "Keys",
    summary: "Create an API key (the key is in this response only)",
    description:
      "The new key is held by the calling key's holder and is the calling key's child: never broader than " +
      "it (ranges within its ranges, no later expiry, no higher rate limit, scopes among its effective " +
      "permissions, read-only if it is), and revoked with it. Ranges are at most an IPv4 /8 or IPv6 /16; " +
      "live keys need at least one, and a key without ranges must be read-only.",
    permission: "api_keys.create",
    body: ZCreateApiKey,
    requestExample: { name: "Deploy bot", environment: "test", scopes: ["audit.read"], readOnly: true },
    response: ZCreatedApiKey,
    status: 201,
  },
  revokeApiKey: {
    operationId: "revokeApiKey",
    method: "DELETE",
    path: "/api-keys/{keyId}",
    tag: "Keys",
    summary: "Revoke an API key at once, and every key it created",
    permission: "api_keys.create",
    params: ZKeyIdParams,
    response: ZApiKeyView,
    status: 200,
  },
  rollApiKey: {
    operationId: "rollApiKey",
    method: "POST",
    path: "/api-keys/{keyId}/roll",
    tag: "Keys",
    summary: "Replace an API key with a new one; the old one works for a grace period (0 to 168 hours, default 24)",
    description:
      "Only for the key's holder, and through the API only for the calling key itself or a key it created " +
      "(403 otherwise: revoke instead). Keys the old key created move to the replacement.",
    permission: "api_keys.create",
    params: ZKeyIdParams,
    body: z.object({ graceHours: z.number().int().min(0).max(168).default(24) }).strict(),
    response: ZCreatedApiKey.extend({ previous: ZApiKeyView }),
    status: 201,
  },
  listWebhooks: {
    operationId: "listWebhooks",
    method: "GET",
    path: "/webhooks",
    tag: "Webhooks",
    summary: "The organization's webhook endpoints",
    permission: "webhooks.manage",
    response: z.object({ data: z.array(ZWebhookEndpointView) }),
    status: 200,
  },
  createWebhook: {
    operationId: "createWebhook",
    method: "POST",
    path: "/webhooks",
    tag: "Webhooks",
    summary: "Create a webhook endpoint (its signing secret is in this response only)",
    description:
      "The URL must be https and must not resolve to a private, loopback, link-local or metadata address. " +
      "Filter by categories and actions (a trailing .* matches a prefix); no filter sends every event. " +
      "Deliveries follow Standard Webhooks: webhook-id, webhook-timestamp and webhook-signature headers.",
    permission: "webhooks.manage",
    body: ZCreateWebhookEndpoint,
    response: z.object({
      endpoint: ZWebhookEndpointView,
      secret: z.string().describe("whsec_…: verify deliveries with it."),
    }),
    status: 201,
  },
  updateWebhook: {
    operationId: "updateWebhook",
    method: "PATCH",
    path: "/webhooks/{webhookId}",
    tag: "Webhooks",
    summary: "Change an endpoint's URL, description, filter, or enable / disable it",
    permission: "webhooks.manage",
    params: ZWebhookIdParams,
    body: ZUpdateWebhookEndpoint,
    response: ZWebhookEndpointView,
    status: 200,
  },
  deleteWebhook: {
    operationId: "deleteWebhook",
    method: "DELETE",
    path: "/webhooks/{webhookId}",
    tag: "Webhooks",
    summary: "Delete an endpoint; its pending deliveries are not sent",
    permission: "webhooks.manage",
    params: ZWebhookIdParams,
    response: z.object({ deleted: z.literal(true) }),
    status: 200,
  },
  listWebhookDeliveries: {
    operationId: "listWebhookDeliveries",
    method: "GET",
    path: "/webhooks/{webhookId}/deliveries",
    tag: "Webhooks",
    summary: "An endpoint's delivery log, newest first, with every attempt",
    permission: "webhooks.manage",
    params: ZWebhookIdParams,
    query: ZListDeliveries,
    response: z.object({ data: z.array(ZWebhookDeliveryView), nextBefore: z.string().nullable() }),
    status: 200,
  },
  testWebhook: {
    operationId: "testWebhook",
    method: "POST",
    path: "/webhooks/{webhookId}/test",
    tag: "Webhooks",
    summary: "Send a test event to the endpoint: webhook.test, or a sample of any event type",
    description:
      'With no body, a webhook.test event. With {"type": "<event type>"}, that type\'s sample payload from the ' +
      'event catalog (as on the Event types page), marked "test": true so a receiver can tell it from a real one. ' +
      "Recorded as webhook.test_sent (naming the type). A type Verity does not record is a 400.",
    permission: "webhooks.manage",
    params: ZWebhookIdParams,
    body: ZSendTestEvent,
    response: ZWebhookDeliveryView,
    status: 201,
  },
  ...LEGAL_HOLD_OPERATIONS,
  ...SECURITY_ALERT_OPERATIONS,
  ...DATA_SUBJECT_REQUEST_OPERATIONS,
  ...SECRET_OPERATIONS,
  ...MEMBER_OPERATIONS,
  ...MESSAGING_OPERATIONS,
  ...MESSAGING_DELIVERY_OPERATIONS,
  ...RECORDING_OPERATIONS,
  ...SAVED_SEARCH_OPERATIONS,
} as const satisfies Record<string, ApiOperation>;
