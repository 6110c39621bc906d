import "server-only";
import { appendAuditEntry, type AuditRequestContext } from "@/lib/audit";
import type { Db } from "@/lib/db";
import type { OrgContext } from "@/lib/guard/org-access";
import { actorOf, type ApiKeyPrincipal } from "@/lib/guard/principal";
import { AppError } from "@/lib/http/app-error";
import { ROLE_PERMISSIONS, type Permission, type RoleName } from "@/lib/rbac/permissions";
import { addressInRanges } from "./ip-ranges";
import { hashApiKey, parseApiKey } from "./key-format";
import { apiKeyTarget } from "./manage-api-keys";

type KeyRecord = {
  id: string;
  org_id: string;
  created_by_id: string;
  name: string;
  prefix: string;
  scopes: string[];
  read_only: boolean;
  allowed_cidrs: string[];
  rate_limit_per_minute: number;
  expires_at: Date;
  revoked_at: Date | null;
  grace_ends_at: Date | null;
  slug: string;
  org_name: string;
  email: string;
  role: RoleName | null;
};

export type RateLimitState = { limit: number; remaining: number; resetSeconds: number };
export type ApiKeyRequest = {
  authorization: string | null;
  method: string;
  path: string;
  request: AuditRequestContext;
  /** null: any valid key may make the request (GET /me). */
  permission: Permission | null;
  now?: Date;
};
export type ApiKeyAccess = { ctx: OrgContext<ApiKeyPrincipal>; rateLimit: RateLimitState; scopes: string[] };

const READ_METHODS = new Set(["GET", "HEAD"]);
const WINDOW_MS = 60_000;
/** "Last used" is written at most this often per key, so a busy key does not turn every request into a row write. */
const LAST_USED_RESOLUTION = "1 minute";

type DenialReason = "ip_not_allowed" | "read_only" | "missing_scope" | "rate_limited" | "expired" | "revoked" | "creator_not_member";

/** A refusal of a genuine key: the response's error, plus the headers it needs (WWW-Authenticate, RateLimit-*). */
export class ApiKeyRefusal extends AppError {
  constructor(
    code: "unauthenticated" | "forbidden" | "rate_limited",
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(code, message);
  }
}

const bearerChallenge = (error: string) => ({ "www-authenticate": `Bearer realm="verity", error="${error}"` });

/**
 * Everything a request with an API key must pass, in order: a well-formed key with a valid checksum
 * (no database lookup for a typo), a key that exists, is neither revoked nor past its roll grace nor
 * expired, whose creator is still a member, used from an allowed address, within its rate limit,
 * read-only keys for GET and HEAD only, and the operation's permission among the key's scopes
 * intersected with its creator's *current* role. Two round trips: the lookup (key, org, creator and
 * role in one query) and one statement that counts the request and touches "last used".
 */
export async function authenticateApiKey(db: Db, input: ApiKeyRequest): Promise<ApiKeyAccess> {
  const { authorization, method, path, request, permission, now = new Date() } = input;
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1];
  if (!presented) throw new ApiKeyRefusal("unauthenticated", "Send an API key as `Authorization: Bearer vk_…`.", bearerChallenge("invalid_request"));
  if (!parseApiKey(presented)) {
    throw new ApiKeyRefusal("unauthenticated", "That is not a well-formed Verity API key (vk_live_… or vk_test_…, checksum included).", bearerChallenge("invalid_token"));
  }
  const [key] = await db.$queryRaw<KeyRecord[]>`
    SELECT k.id::text, k.org_id::text, k.created_by_id::text, k.name, k.prefix, k.scopes, k.read_only, k.allowed_cidrs,
           k.rate_limit_per_minute, k.expires_at, k.revoked_at, k.grace_ends_at,
           o.slug, o.name AS org_name, u.email, m.role::text AS role
      FROM api_keys k
      JOIN organizations o ON o.id = k.org_id AND o.deleted_at IS NULL
      JOIN users u ON u.id = k.created_by_id
      LEFT JOIN memberships m ON m.org_id = k.org_id AND m.user_id = k.created_by_id
     WHERE k.key_hash = ${hashApiKey(presented)}`;
  if (!key) throw new ApiKeyRefusal("unauthenticated", "Unknown API key.", bearerChallenge("invalid_token"));

  const principal: ApiKeyPrincipal = { type: "api_key", keyId: key.id, userId: key.created_by_id, email: key.email, name: key.name, prefix: key.prefix };
  const deny = async (reason: DenialReason, extra: { permission?: string; limit?: number } = {}) => {
    await appendAuditEntry(db, {
      orgId: key.org_id,
      action: "api_key.use_denied",
      actor: actorOf(principal),
      target: apiKeyTarget(key),
      outcome: "denied",
      context: request,
      metadata: { reason, method, path: path.slice(0, 200), ...extra },
    });
  };

  if (key.revoked_at || (key.grace_ends_at && key.grace_ends_at <= now)) {
    await deny("revoked");
    const rolled = !key.revoked_at;
    throw new ApiKeyRefusal("unauthenticated", rolled ? "This API key was rolled and its grace period has ended: use its replacement." : "This API key has been revoked.", bearerChallenge("invalid_token"));
  }
  if (!key.role) {
    await deny("creator_not_member");
    throw new ApiKeyRefusal("unauthenticated", "This API key's creator is no longer a member of the organization.", bearerChallenge("invalid_token"));
  }
  if (key.expires_at <= now) {
    await deny("expired");
    throw new ApiKeyRefusal("unauthenticated", `This API key expired at ${key.expires_at.toISOString()}.`, bearerChallenge("invalid_token"));
  }
  if (key.allowed_cidrs.length > 0 && !addressInRanges(request.ip, key.allowed_cidrs)) {
    await deny("ip_not_allowed");
    throw new ApiKeyRefusal("forbidden", `This API key may not be used from ${request.ip ?? "an unknown address"}: it is pinned to ${key.allowed_cidrs.join(", ")}.`);
  }

  const rateLimit = await countRequest(db, key, request.ip, now);
  const rateHeaders = rateLimitHeaders(rateLimit.state);
  if (rateLimit.count > key.rate_limit_per_minute) {
    // One entry per window, at the first refused request: a flood does not flood the trail.
    if (rateLimit.count === key.rate_limit_per_minute + 1) await deny("rate_limited", { limit: key.rate_limit_per_minute });
    throw new ApiKeyRefusal("rate_limited", `This API key is limited to ${key.rate_limit_per_minute} requests a minute. Retry in ${rateLimit.state.resetSeconds} s.`, {
      ...rateHeaders,
      "retry-after": String(rateLimit.state.resetSeconds),
    });
  }
  if (key.read_only && !READ_METHODS.has(method.toUpperCase())) {
    await deny("read_only");
    throw new ApiKeyRefusal("forbidden", "This API key is read-only: it may only make GET and HEAD requests.", rateHeaders);
  }
  const effective = ROLE_PERMISSIONS[key.role].filter((granted) => key.scopes.includes(granted));
  if (permission !== null && !effective.includes(permission)) {
    await deny("missing_scope", { permission });
    const why = key.scopes.includes(permission)
      ? `its creator's role (${key.role.toLowerCase()}) no longer allows ${permission}`
      : `it does not have the ${permission} scope`;
    throw new ApiKeyRefusal("forbidden", `This API key cannot do that: ${why}.`, rateHeaders);
  }
  return {
    ctx: { principal, org: { id: key.org_id, slug: key.slug, name: key.org_name }, role: key.role, permissions: effective, request },
    rateLimit: rateLimit.state,
    scopes: key.scopes,
  };
}

/**
 * Counts the request in the key's fixed one-minute window and, at most once a minute, records when
 * and from where the key was last used: both in one statement (the UPDATE runs as a data-modifying CTE).
 */
async function countRequest(db: Db, key: KeyRecord, ip: string | null, now: Date) {
  const bucket = `api-key:${key.id}`;
  const windowFloor = new Date(now.getTime() - WINDOW_MS);
  const [row] = await db.$queryRaw<{ count: number; window_start: Date }[]>`
    WITH touched AS (
      UPDATE api_keys SET last_used_at = ${now}, last_used_ip = ${ip}
       WHERE id = ${key.id}::uuid
         AND (last_used_at IS NULL OR last_used_at < ${now}::timestamptz - ${LAST_USED_RESOLUTION}::interval)
      RETURNING id
    )
    INSERT INTO rate_limit_buckets (key, window_start, count) VALUES (${bucket}, ${now}, 1)
    ON CONFLICT (key) DO UPDATE SET
      window_start = CASE WHEN rate_limit_buckets.window_start <= ${windowFloor} THEN ${now} ELSE rate_limit_buckets.window_start END,
      count = CASE WHEN rate_limit_buckets.window_start <= ${windowFloor} THEN 1 ELSE rate_limit_buckets.count + 1 END
    RETURNING count, window_start`;
  const resetMs = row.window_start.getTime() + WINDOW_MS - now.getTime();
  return {
    count: row.count,
    state: {
      limit: key.rate_limit_per_minute,
      remaining: Math.max(0, key.rate_limit_per_minute - row.count),
      resetSeconds: Math.max(1, Math.ceil(resetMs / 1000)),
    },
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
