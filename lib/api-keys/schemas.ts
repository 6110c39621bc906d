import { z } from "zod";
import { PERMISSIONS, type Permission } from "@/lib/rbac/permissions";
import { canonicalCidr, isTooWide, WIDEST_PREFIX } from "./ip-ranges";

/**
 * What a key may be granted: the permission matrix, less what only a person may do (deleting the
 * organization and handing it over both ask for a fresh password and second factor).
 */
export const API_KEY_SCOPES = PERMISSIONS.filter(
  (permission) => permission !== "org.delete" && permission !== "org.transfer_ownership",
) as readonly Permission[];

export const API_KEY_LIMITS = {
  defaultExpiryDays: 90,
  maxExpiryDays: 366,
  defaultRatePerMinute: 600,
  maxRatePerMinute: 10_000,
  maxCidrs: 50,
  defaultGraceHours: 24,
  maxGraceHours: 7 * 24,
  /** The expiry reminder goes out this long before a key stops working. */
  reminderDays: 7,
} as const;

/** The same words on the form as from the server. */
export const tooWideMessage = (cidr: string) =>
  `"${cidr}" is too wide to pin a key to: a range is at most an IPv4 /${WIDEST_PREFIX.ipv4} or an IPv6 /${WIDEST_PREFIX.ipv6}.`;

/** Without ranges a key may be used from anywhere (test keys only), so it may not change anything. */
export const UNPINNED_MUST_BE_READ_ONLY =
  "A key usable from any address must be read-only: pin it to IP ranges to let it write.";

const ZCidrList = z
  .array(z.string().max(64, "A range is at most 64 characters."))
  .max(API_KEY_LIMITS.maxCidrs, `At most ${API_KEY_LIMITS.maxCidrs} ranges.`)
  .transform((ranges, ctx) => {
    const canonical: string[] = [];
    ranges.forEach((range, index) => {
      const cidr = canonicalCidr(range);
      if (cidr && isTooWide(cidr)) {
        ctx.addIssue({ code: "custom", path: [index], message: tooWideMessage(cidr) });
      } else if (cidr) canonical.push(cidr);
      else
        ctx.addIssue({
          code: "custom",
          path: [index],
          message: `"${range.slice(0, 64)}" is not an IPv4 or IPv6 address or CIDR range (for example 203.0.113.0/24 or 2001:db8::/32).`,
        });
    });
    return [...new Set(canonical)];
  });

export const ZCreateApiKey = z
  .object({
    name: z.string().trim().min(1, "Give the key a name.").max(100, "At most 100 characters."),
    environment: z.enum(["live", "test"]),
    scopes: z
      .array(z.enum(API_KEY_SCOPES as [Permission, ...Permission[]], { message: "Not a scope a key can hold." }))
      .min(1, "Pick at least one scope.")
      .transform((scopes) => [...new Set(scopes)]),
    readOnly: z.boolean().default(false),
    allowedCidrs: ZCidrList.default([]),
    expiresInDays: z.coerce
      .number()
      .int("A whole number of days.")
      .min(1, "At least 1 day.")
      .max(API_KEY_LIMITS.maxExpiryDays, `At most ${API_KEY_LIMITS.maxExpiryDays} days.`)
      .default(API_KEY_LIMITS.defaultExpiryDays),
    rateLimitPerMinute: z.coerce
      .number()
      .int("A whole number.")
      .min(1, "At least 1 request a minute.")
      .max(API_KEY_LIMITS.maxRatePerMinute, `At most ${API_KEY_LIMITS.maxRatePerMinute} requests a minute.`)
      .default(API_KEY_LIMITS.defaultRatePerMinute),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.environment === "live" && input.allowedCidrs.length === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["allowedCidrs"],
        message: "A live key must be pinned to at least one IP range.",
      });
    }
    if (input.environment === "test" && input.allowedCidrs.length === 0 && !input.readOnly) {
      ctx.addIssue({ code: "custom", path: ["readOnly"], message: UNPINNED_MUST_BE_READ_ONLY });
    }
  });
export type TCreateApiKey = z.input<typeof ZCreateApiKey>;

export const ZApiKeyId = z.object({ keyId: z.uuid("Not an API key id.") });

export const ZRenameApiKey = z
  .object({
    keyId: z.uuid("Not an API key id."),
    name: z.string().trim().min(1, "Give the key a name.").max(100, "At most 100 characters."),
  })
  .strict();

export const ZRollApiKey = z
  .object({
    keyId: z.uuid("Not an API key id."),
    graceHours: z.coerce
      .number()
      .int("A whole number of hours.")
      .min(0, "At least 0 hours.")
      .max(API_KEY_LIMITS.maxGraceHours, "At most 7 days (168 hours).")
      .default(API_KEY_LIMITS.defaultGraceHours),
  })
  .strict();

export const API_KEY_STATUSES = ["active", "expiring", "rolling", "expired", "revoked"] as const;

/** A key as it leaves the server: never its hash, never the key. */
export const ZApiKeyView = z.object({
  id: z.string(),
  name: z.string(),
  environment: z.enum(["live", "test"]),
  prefix: z.string(),
  last4: z.string(),
  scopes: z.array(z.string()),
  readOnly: z.boolean(),
  allowedCidrs: z.array(z.string()),
  rateLimitPerMinute: z.number(),
  expiresAt: z.string(),
  createdAt: z.string(),
  createdBy: z.object({ id: z.string(), email: z.string() }),
  status: z.enum(API_KEY_STATUSES),
  revokedAt: z.string().nullable(),
  revokedReason: z.string().nullable(),
  graceEndsAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  lastUsedIp: z.string().nullable(),
  rolledFromId: z.string().nullable(),
  /** The key that created this one through the API; it dies with that key. */
  createdByKeyId: z.string().nullable(),
});
export type TApiKeyView = z.infer<typeof ZApiKeyView>;

/** The answer to a create or a roll: the key itself, this once, and its view. */
export const ZCreatedApiKey = z.object({ key: z.string(), apiKey: ZApiKeyView });
