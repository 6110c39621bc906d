import "server-only";
import { apiKeyDisplay, type Target } from "@/lib/context";
import type { ApiKey } from "@/lib/db/generated/client";
import { isPinned } from "./ip-ranges";
import { API_KEY_LIMITS, ZApiKeyView, type TApiKeyView } from "./schemas";

const DAY_MS = 24 * 60 * 60 * 1000;

export type KeyRow = ApiKey & { createdBy: { id: string; email: string } };

/** Include this in a query to read a key with its creator, as apiKeyView needs it. */
export const withCreator = { createdBy: { select: { id: true, email: true } } } as const;

/** Where a key stands at `now`: the screen's status column and the API's `status` field. */
export function apiKeyStatus(
  key: Pick<ApiKey, "revokedAt" | "expiresAt" | "graceEndsAt">,
  now: Date,
): TApiKeyView["status"] {
  if (key.revokedAt) return "revoked";
  if (key.graceEndsAt) return key.graceEndsAt > now ? "rolling" : "revoked";
  if (key.expiresAt <= now) return "expired";
  return key.expiresAt.getTime() - now.getTime() <= API_KEY_LIMITS.reminderDays * DAY_MS ? "expiring" : "active";
}

export function apiKeyView(key: KeyRow, now = new Date()): TApiKeyView {
  return ZApiKeyView.parse({
    id: key.id,
    name: key.name,
    environment: key.environment === "LIVE" ? "live" : "test",
    prefix: key.prefix,
    last4: key.last4,
    scopes: key.scopes,
    // What the key may do, not only what it was created as: an unpinned key (or one stored wider than a pin) only reads.
    readOnly: key.readOnly || !isPinned(key.allowedCidrs),
    allowedCidrs: key.allowedCidrs,
    rateLimitPerMinute: key.rateLimitPerMinute,
    expiresAt: key.expiresAt.toISOString(),
    createdAt: key.createdAt.toISOString(),
    createdBy: key.createdBy,
    status: apiKeyStatus(key, now),
    revokedAt: key.revokedAt?.toISOString() ?? null,
    revokedReason: key.revokedReason,
    graceEndsAt: key.graceEndsAt?.toISOString() ?? null,
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    lastUsedIp: key.lastUsedIp,
    rolledFromId: key.rolledFromId,
    createdByKeyId: key.createdByKeyId,
  });
}

export function apiKeyTarget(key: Pick<ApiKey, "id" | "name" | "prefix">): Target {
  return { type: "api_key", id: key.id, display: apiKeyDisplay(key) };
}
