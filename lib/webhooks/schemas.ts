import { z } from "zod";
import { AUDIT_CATEGORIES, AUDIT_EVENTS } from "@/lib/audit/event-catalog";

const KNOWN_ACTIONS = Object.keys(AUDIT_EVENTS);
const ACTION_PATTERN = /^[a-z0-9_]+(\.[a-z0-9_]+)*(\.\*)?$/;

/**
 * An action an endpoint can subscribe to: a catalog action, a prefix of some ("member.*"), a customer event
 * (custom.…), or audit.checkpoint (each signed checkpoint of the trail; not an entry, so not in the catalog).
 */
export function isSubscribableAction(action: string): boolean {
  if (!ACTION_PATTERN.test(action)) return false;
  if (
    action === "webhook.test" ||
    action === "audit.checkpoint" ||
    action.startsWith("custom.") ||
    action === "custom.*"
  )
    return true;
  if (action.endsWith(".*")) return KNOWN_ACTIONS.some((known) => known.startsWith(action.slice(0, -1)));
  return KNOWN_ACTIONS.includes(action);
}

export const WEBHOOK_LIMITS = {
  defaultGraceHours: 24,
  maxGraceHours: 7 * 24,
  maxEventTypes: 100,
  maxDescription: 200,
} as const;

const ZEventFilter = {
  categories: z
    .array(z.enum(AUDIT_CATEGORIES, { message: `A category is one of ${AUDIT_CATEGORIES.join(", ")}.` }))
    .max(AUDIT_CATEGORIES.length)
    .default([]),
  actions: z
    .array(
      z.string().max(100).refine(isSubscribableAction, {
        message: "Not an event type Verity records (for example member.invited, member.*, custom.*).",
      }),
    )
    .max(WEBHOOK_LIMITS.maxEventTypes)
    .default([]),
};

/** The URL is checked for shape here; where it points (SSRF guard) is checked by the service, which knows the environment. */
const ZUrl = z.string().trim().min(1, "Enter the receiver's URL.").max(2000, "At most 2,000 characters.");

export const ZCreateWebhookEndpoint = z
  .object({
    url: ZUrl,
    description: z.string().trim().max(WEBHOOK_LIMITS.maxDescription).default(""),
    ...ZEventFilter,
    enabled: z.boolean().default(true),
  })
  .strict();

export const ZUpdateWebhookEndpoint = z
  .object({
    url: ZUrl.optional(),
    description: z.string().trim().max(WEBHOOK_LIMITS.maxDescription).optional(),
    categories: ZEventFilter.categories.unwrap().optional(),
    actions: ZEventFilter.actions.unwrap().optional(),
    enabled: z.boolean().optional(),
  })
  .strict();

export const ZRotateWebhookSecret = z
  .object({
    graceHours: z.coerce
      .number()
      .int()
      .min(0)
      .max(WEBHOOK_LIMITS.maxGraceHours, "At most 7 days (168 hours).")
      .default(WEBHOOK_LIMITS.defaultGraceHours),
  })
  .strict();

export const ZWebhookEndpointView = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string(),
  categories: z.array(z.string()),
  actions: z.array(z.string()),
  enabled: z.boolean(),
  disabledReason: z.string().nullable(),
  disabledAt: z.string().nullable(),
  failingSince: z.string().nullable(),
  createdAt: z.string(),
  /** How many signing secrets sign each delivery now (2 during a rotation's grace period). */
  liveSecrets: z.number(),
});
export type TWebhookEndpointView = z.infer<typeof ZWebhookEndpointView>;

export const ZWebhookDeliveryView = z.object({
  id: z.string(),
  webhookId: z.string(),
  eventType: z.string(),
  auditEntryId: z.string().nullable(),
  status: z.enum(["pending", "delivered", "failed"]),
  attempts: z.number(),
  nextAttemptAt: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  lastStatus: z.number().nullable(),
  lastError: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  replayOfId: z.string().nullable(),
  createdAt: z.string(),
  /** The JSON body every attempt sends (the same bytes each time, so a receiver can deduplicate by webhook-id). */
  body: z.string().nullable(),
  attemptLog: z.array(
    z.object({
      attempt: z.number(),
      startedAt: z.string(),
      status: z.number().nullable(),
      latencyMs: z.number(),
      responseExcerpt: z.string().nullable(),
      error: z.string().nullable(),
      /** The headers sent, the signature among them; null when nothing was sent (or before they were recorded). */
      requestHeaders: z.record(z.string(), z.string()).nullable(),
      /** The receiver's headers (at most 40, values cut to 300 characters); null with no response. */
      responseHeaders: z.record(z.string(), z.string()).nullable(),
    }),
  ),
});
export type TWebhookDeliveryView = z.infer<typeof ZWebhookDeliveryView>;

/** One UTC day of an endpoint's attempts: how many, and how many the receiver answered 2xx. */
export type AttemptDay = { day: string; attempts: number; succeeded: number };
