import "server-only";
import type { ApiKeyPrincipal, OrgContext, OrgRef, RequestContext, Target } from "@/lib/context";
import { countInWindow } from "@/lib/auth/rate-limit";
import { meteredPeriodStart } from "@/lib/billing/metered-period";
import { Prisma } from "@/lib/db/generated/client";
import { queryPrepared, type Db } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import type { RoleName } from "@/lib/rbac/permissions";
import ipaddr from "ipaddr.js";
import { hashApiKey, parseApiKey } from "./key-format";
import { apiKeyTarget } from "./api-key-view";
import type { CreatingKey } from "./key-lineage";
import { isPinned, WIDEST_PREFIX } from "./ip-ranges";

/** The key's row (what a key creating another is checked by, key-lineage.ts) and what a request needs besides. */
type KeyRecord = CreatingKey & {
  org_id: string;
  created_by_id: string;
  name: string;
  prefix: string;
  environment: "LIVE" | "TEST";
  scopes: string[];
  slug: string;
  org_name: string;
  email: string;
  role: RoleName | null;
  ip_allowed: boolean;
  /** False when the key that created this one is revoked, past its roll grace or expired. */
  parent_usable: boolean;
  /** This request's number in the key's current window; null when the key may not be used at all. */
  count: number | null;
  window_start: Date | null;
  /** Used from an address it was never used from before (and it had been used from others). */
  new_address: boolean;
};

export type RateLimitState = { limit: number; remaining: number; resetSeconds: number };
export type ApiKeyRequest = {
  authorization: string | null;
  method: string;
  path: string;
  request: RequestContext;
  now?: Date;
};

/**
 * What the lookup establishes about a genuine, usable key: who it acts for, in which organization, with
 * which role and scopes, and its rate limit. What it may do is the guard's decision (lib/rbac's
 * effectivePermissions); `useDenied` describes a refusal of this use for the trail.
 */
export type ApiKeyFacts = {
  principal: ApiKeyPrincipal;
  org: OrgRef;
  role: RoleName;
  scopes: string[];
  rateLimit: RateLimitState;
  key: ApiKeySettings;
  useDenied: (reason: DenialReason, extra?: { permission?: string; limit?: number }) => KeyUseDenial;
  /** Used from an address it never was before (it had been used from others): the guard raises an alert. */
  newAddress: boolean;
};

/** The key's own settings, as read by the lookup (GET /me answers them without reading the key again). */
export type ApiKeySettings = {
  environment: "live" | "test";
  /** Read-only as stored; an unpinned key is read-only whatever it was created as (see isPinned). */
  readOnly: boolean;
  pinned: boolean;
  allowedCidrs: string[];
  expiresAt: Date;
};

/** An API key in its organization, as a /api/v1 handler receives it once the guard has authorized it. */
export type ApiKeyAccess = {
  ctx: OrgContext<ApiKeyPrincipal>;
  rateLimit: RateLimitState;
  scopes: string[];
  key: ApiKeySettings;
};

/** A refused use of a genuine key, as the trail records it (api_key.use_denied, on its own). */
export type KeyUseDenial = {
  orgId: string;
  principal: ApiKeyPrincipal;
  target: Target;
  metadata: Record<string, unknown>;
};

const READ_METHODS = new Set(["GET", "HEAD"]);
const WINDOW_MS = 60_000;
/** "Last used" is written at most this often per key, so a busy key does not turn every request into a row write. */
const LAST_USED_RESOLUTION = "1 minute";

export type DenialReason =
  | "ip_not_allowed"
  | "read_only"
  | "missing_scope"
  | "rate_limited"
  | "expired"
  | "revoked"
  | "creator_not_member"
  | "parent_revoked";

/**
 * A refusal of a key: the response's error, the headers it needs (WWW-Authenticate, RateLimit-*), and,
 * for a genuine key, the denial the guard records (lib/guard/record-refusal.ts).
 */
export class ApiKeyRefusal extends AppError {
  constructor(
    code: "unauthenticated" | "forbidden" | "rate_limited",
    message: string,
    readonly headers: Record<string, string> = {},
    readonly keyUse?: KeyUseDenial,
  ) {
    super(code, message);
  }
}

const bearerChallenge = (error: string) => ({ "www-authenticate": `Bearer realm="verity", error="${error}"` });

/**
 * Everything a request with an API key must pass, in order: a well-formed key with a valid checksum
 * (no database lookup for a typo), a key that exists, is neither revoked nor past its roll grace nor
 * expired, whose holder (creator) is still a member, whose parent key (the key that created it, if
 * one did) still works, used from an allowed address, within its rate limit, read-only keys and keys
 * usable from any address (no ranges, or one wider than a pin may be) for GET and HEAD only. It only
 * looks the key up and checks it: it answers facts (holder, organization, role, scopes, rate limit),
 * and a refusal carries its denial for the guard to record; whether the key may perform the operation
 * is the guard's decision. Two round trips: the lookup (key, org, creator and role in one query) and
 * one statement that counts the request and touches "last used".
 */
export async function authenticateApiKey(db: Db, input: ApiKeyRequest): Promise<ApiKeyFacts> {
  const { authorization, method, path, request, now = new Date() } = input;
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1];
  if (!presented)
    throw new ApiKeyRefusal(
      "unauthenticated",
      "Send an API key as `Authorization: Bearer vk_…`.",
      bearerChallenge("invalid_request"),
    );
  if (!parseApiKey(presented)) {
    throw new ApiKeyRefusal(
      "unauthenticated",
      "That is not a well-formed Verity API key (vk_live_… or vk_test_…, checksum included).",
      bearerChallenge("invalid_token"),
    );
  }
  const key = await lookUpAndCount(db, hashApiKey(presented), normalisedIp(request.ip), now);
  if (!key) throw new ApiKeyRefusal("unauthenticated", "Unknown API key.", bearerChallenge("invalid_token"));

  const principal: ApiKeyPrincipal = {
    type: "api_key",
    keyId: key.id,
    userId: key.created_by_id,
    email: key.email,
    name: key.name,
    prefix: key.prefix,
  };
  const useDenied = (reason: DenialReason, extra: { permission?: string; limit?: number } = {}): KeyUseDenial => ({
    orgId: key.org_id,
    principal,
    target: apiKeyTarget(key),
    metadata: { reason, method, path: path.slice(0, 200), ...extra },
  });

  if (key.revoked_at || (key.grace_ends_at && key.grace_ends_at <= now)) {
    const rolled = !key.revoked_at;
    const message = rolled
      ? "This API key was rolled and its grace period has ended: use its replacement."
      : "This API key has been revoked.";
    throw new ApiKeyRefusal("unauthenticated", message, bearerChallenge("invalid_token"), useDenied("revoked"));
  }
  if (!key.role) {
    const message = "This API key's creator is no longer a member of the organization.";
    const denial = useDenied("creator_not_member");
    throw new ApiKeyRefusal("unauthenticated", message, bearerChallenge("invalid_token"), denial);
  }
  if (!key.parent_usable) {
    // Revoking a key revokes its children in the same transaction; this is the second lock on that door.
    const message = "The API key that created this key no longer works, so neither does this one.";
    throw new ApiKeyRefusal("unauthenticated", message, bearerChallenge("invalid_token"), useDenied("parent_revoked"));
  }
  if (key.expires_at <= now) {
    const message = `This API key expired at ${key.expires_at.toISOString()}.`;
    throw new ApiKeyRefusal("unauthenticated", message, bearerChallenge("invalid_token"), useDenied("expired"));
  }
  if (!key.ip_allowed) {
    const from = request.ip ?? "an unknown address";
    const message = `This API key may not be used from ${from}: it is pinned to ${key.allowed_cidrs.join(", ")}.`;
    throw new ApiKeyRefusal("forbidden", message, {}, useDenied("ip_not_allowed"));
  }

  // The statement counted every key that passed the checks above; the same conditions, in SQL.
  if (key.count === null) throw new Error("an API key passed every check but was not counted");
  const rateLimit = rateLimitOf(key, now);
  const rateHeaders = rateLimitHeaders(rateLimit);
  if (key.count > key.rate_limit_per_minute) {
    // One entry per window, at the first refused request: a flood does not flood the trail.
    const first = key.count === key.rate_limit_per_minute + 1;
    throw new ApiKeyRefusal(
      "rate_limited",
      `This API key is limited to ${key.rate_limit_per_minute} requests a minute. ` +
        `Retry in ${rateLimit.resetSeconds} s.`,
      { ...rateHeaders, "retry-after": String(rateLimit.resetSeconds) },
      first ? useDenied("rate_limited", { limit: key.rate_limit_per_minute }) : undefined,
    );
  }
  // A key usable from any address never writes (keys created before that rule included), and a key
  // "pinned" to a range wider than a pin may be (0.0.0.0/0, stored before that was refused) is one.
  const unpinned = !isPinned(key.allowed_cidrs);
  if ((key.read_only || unpinned) && !READ_METHODS.has(method.toUpperCase())) {
    throw new ApiKeyRefusal(
      "forbidden",
      key.read_only
        ? "This API key is read-only: it may only make GET and HEAD requests."
        : `This API key is not pinned to IP ranges, so it is read-only: it may only make GET and HEAD requests ` +
            `(a range wider than an IPv4 /${WIDEST_PREFIX.ipv4} or an IPv6 /${WIDEST_PREFIX.ipv6} is no pin).`,
      rateHeaders,
      useDenied("read_only"),
    );
  }
  const org = { id: key.org_id, slug: key.slug, name: key.org_name };
  const settings: ApiKeySettings = {
    environment: key.environment === "LIVE" ? "live" : "test",
    readOnly: key.read_only,
    pinned: !unpinned,
    allowedCidrs: key.allowed_cidrs,
    expiresAt: key.expires_at,
  };
  return {
    principal,
    org,
    role: key.role,
    scopes: key.scopes,
    rateLimit,
    key: settings,
    useDenied,
    newAddress: key.new_address,
  };
}

function normalisedIp(ip: string | null): string | null {
  if (!ip || !ipaddr.isValid(ip)) return null;
  const address = ipaddr.parse(ip);
  return address.kind() === "ipv6" && (address as ipaddr.IPv6).isIPv4MappedAddress()
    ? (address as ipaddr.IPv6).toIPv4Address().toString()
    : address.toString();
}

/**
 * One round trip for the whole lookup: the key with its organization, creator and creator's role, and
 * whether its parent key (if a key created it) still works;
 * whether the address is in its ranges (PostgreSQL's inet containment); and, for a key that may be
 * used at all, its request counted in the current one-minute window and in the organization's usage
 * for billing, and "last used" touched (at most once a minute, so a busy key does not turn every
 * request into a row write). The UPDATE and the INSERT are data-modifying CTEs: they run whether or
 * not the outer SELECT reads them.
 *
 * It runs on every API request, so it is a prepared statement (planned once per connection), and
 * its transaction commits asynchronously (`synchronous_commit` off for this transaction only): it
 * does not wait for its WAL to reach disk. Its writes are counters and a timestamp, never audit
 * entries (a refusal is recorded by its own, durable transaction); a restart of the app or of the
 * database loses none of them, and a crash of the database server could lose the last fraction of
 * a second of counts (at most three WAL writer delays), which every later durable commit flushes.
 */
async function lookUpAndCount(db: Db, keyHash: string, ip: string | null, now: Date): Promise<KeyRecord | undefined> {
  const usableKeys = Prisma.sql`SELECT 'api-key:' || id::text, ${now}::timestamptz, 1 FROM usable`;
  const [row] = await queryPrepared<KeyRecord>(
    db,
    "verity_api_key_check",
    Prisma.sql`
    WITH found AS (
      SELECT k.id, k.org_id, k.created_by_id, k.name, k.prefix, k.environment::text AS environment, k.scopes, k.read_only, k.allowed_cidrs,
             k.rate_limit_per_minute, k.expires_at, k.revoked_at, k.grace_ends_at,
             o.slug, o.name AS org_name, u.email, m.role::text AS role,
             (cardinality(k.allowed_cidrs) = 0 OR COALESCE(${ip}::inet <<= ANY (k.allowed_cidrs::inet[]), false)) AS ip_allowed,
             (k.created_by_key_id IS NULL OR COALESCE(p.revoked_at IS NULL AND (p.grace_ends_at IS NULL OR p.grace_ends_at > ${now})
                                                      AND p.expires_at > ${now}, false)) AS parent_usable
        FROM api_keys k
        JOIN organizations o ON o.id = k.org_id AND o.deleted_at IS NULL
        JOIN users u ON u.id = k.created_by_id
        LEFT JOIN memberships m ON m.org_id = k.org_id AND m.user_id = k.created_by_id
        LEFT JOIN api_keys p ON p.id = k.created_by_key_id AND p.org_id = k.org_id
       WHERE k.key_hash = ${keyHash}
    ), usable AS (
      SELECT id FROM found
       WHERE revoked_at IS NULL AND (grace_ends_at IS NULL OR grace_ends_at > ${now}) AND expires_at > ${now}
         AND role IS NOT NULL AND parent_usable AND ip_allowed
    ), touched AS (
      UPDATE api_keys SET last_used_at = ${now}, last_used_ip = ${ip}
       WHERE id = (SELECT id FROM usable)
         AND (last_used_at IS NULL OR last_used_at < ${now}::timestamptz - ${LAST_USED_RESOLUTION}::interval)
      RETURNING id
    ), seen AS (
      -- Each address the key is used from, once; the new row of a key that had others means a new address.
      INSERT INTO api_key_addresses (key_id, ip, first_seen_at)
      SELECT id, ${ip}::inet, ${now} FROM usable WHERE ${ip}::inet IS NOT NULL
      ON CONFLICT (key_id, ip) DO NOTHING
      RETURNING key_id
    ), metered AS (
      INSERT INTO usage_counters (org_id, period_start, metric, day, count)
      SELECT f.org_id, ${meteredPeriodStart(Prisma.sql`f.org_id`, now)}, 'api_requests',
             (${now}::timestamptz AT TIME ZONE 'UTC')::date, 1
        FROM found f JOIN usable u ON u.id = f.id
      ON CONFLICT (org_id, period_start, metric, day) DO UPDATE SET count = usage_counters.count + 1
      RETURNING 1
    ), counted AS (${countInWindow(usableKeys, { now, windowMs: WINDOW_MS })})
    SELECT found.id::text, found.org_id::text, found.created_by_id::text, found.name, found.prefix, found.environment,
           found.scopes, found.read_only,
           found.allowed_cidrs, found.rate_limit_per_minute, found.expires_at, found.revoked_at, found.grace_ends_at,
           found.slug, found.org_name, found.email, found.role, found.ip_allowed, found.parent_usable, counted.count, counted.window_start,
           (EXISTS (SELECT 1 FROM seen)
             AND EXISTS (SELECT 1 FROM api_key_addresses a WHERE a.key_id = found.id)) AS new_address
      FROM found LEFT JOIN counted ON true
     CROSS JOIN (SELECT set_config('synchronous_commit', 'off', true)) AS asynchronous_commit`,
  );
  return row;
}

function rateLimitOf(key: KeyRecord, now: Date): RateLimitState {
  const windowStart = key.window_start ?? now;
  return {
    limit: key.rate_limit_per_minute,
    remaining: Math.max(0, key.rate_limit_per_minute - (key.count ?? 0)),
    resetSeconds: Math.max(1, Math.ceil((windowStart.getTime() + WINDOW_MS - now.getTime()) / 1000)),
  };
}

/** The IETF RateLimit header fields, on every response to a counted request. */
export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    "ratelimit-limit": String(state.limit),
    "ratelimit-remaining": String(state.remaining),
    "ratelimit-reset": String(state.resetSeconds),
    "ratelimit-policy": `${state.limit};w=60`,
  };
}
