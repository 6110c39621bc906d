import "server-only";
import { LONGEST_RATE_LIMIT_WINDOW_MS } from "@/lib/auth/rate-limit";
import { Prisma } from "@/lib/db/generated/client";

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;

/** How long an Idempotency-Key's stored answer lasts (lib/guard/idempotency.ts sets its expires_at from this). */
export const IDEMPOTENCY_KEY_RETENTION_MS = 24 * HOUR_MS;

export type OperationalKind = {
  /** The name in the worker's log and the README. */
  kind: string;
  table: string;
  /** How long a row is kept, and from when, in the README's words. */
  kept: string;
  /** One bounded batch: deletes at most `limit` rows past their retention at `now`, returning one row each. */
  batch: (now: Date, limit: number) => Prisma.Sql;
};

const before = (now: Date, ms: number) => new Date(now.getTime() - ms);

/**
 * The retention of Verity's operational data: what is not evidence, and goes once it has served. One table, read
 * by the worker's purge and documented in the README ("Data retention"). Each batch picks its rows with SKIP
 * LOCKED (two workers never wait on each other) from an index where there is one, and deletes at most `limit`.
 * The audit trail and its tree, checkpoints and keys are not here: they follow the organization's retention policy.
 */
export const OPERATIONAL_RETENTION: readonly OperationalKind[] = [
  {
    kind: "sessions",
    table: "sessions",
    kept: "until they end (signed out, revoked, idle or past their maximum length)",
    batch: (now, limit) => Prisma.sql`
      DELETE FROM sessions WHERE id IN (
        SELECT id FROM sessions
         WHERE revoked_at <= ${now} OR idle_expires_at <= ${now} OR absolute_expires_at <= ${now}
         LIMIT ${limit} FOR UPDATE SKIP LOCKED)
      RETURNING 1`,
  },
  {
    kind: "sign-in challenges",
    table: "sign_in_challenges",
    kept: "until they end (redeemed or expired, a few minutes)",
    batch: (now, limit) => Prisma.sql`
      DELETE FROM sign_in_challenges WHERE id IN (
        SELECT id FROM sign_in_challenges WHERE used_at <= ${now} OR expires_at <= ${now}
         LIMIT ${limit} FOR UPDATE SKIP LOCKED)
      RETURNING 1`,
  },
  {
    kind: "idempotency keys",
    table: "idempotency_keys",
    kept: "24 hours after the request (their expires_at)",
    batch: (now, limit) => Prisma.sql`
      DELETE FROM idempotency_keys WHERE (org_id, api_key_id, key) IN (
        SELECT org_id, api_key_id, key FROM idempotency_keys WHERE expires_at <= ${now}
         LIMIT ${limit} FOR UPDATE SKIP LOCKED)
      RETURNING 1`,
  },
  {
    kind: "rate-limit buckets",
    table: "rate_limit_buckets",
    kept: "until their window is over (the longest window is 1 hour)",
    batch: (now, limit) => Prisma.sql`
      DELETE FROM rate_limit_buckets WHERE key IN (
        SELECT key FROM rate_limit_buckets WHERE window_start <= ${before(now, LONGEST_RATE_LIMIT_WINDOW_MS)}
         LIMIT ${limit} FOR UPDATE SKIP LOCKED)
      RETURNING 1`,
  },
  {
    kind: "delivered mail",
    table: "mail_outbox",
    kept: "30 days after delivery (undelivered mail stays; its body is erased when its links expire)",
    batch: (now, limit) => Prisma.sql`
      DELETE FROM mail_outbox WHERE id IN (
        SELECT id FROM mail_outbox WHERE sent_at <= ${before(now, 30 * DAY_MS)}
         LIMIT ${limit} FOR UPDATE SKIP LOCKED)
      RETURNING 1`,
  },
  {
    kind: "API key requests",
    table: "api_key_requests",
    kept: "30 days after the request (a key's detail page lists and charts them)",
    batch: (now, limit) => Prisma.sql`
      DELETE FROM api_key_requests WHERE id IN (
        SELECT id FROM api_key_requests WHERE at <= ${before(now, 30 * DAY_MS)}
         LIMIT ${limit} FOR UPDATE SKIP LOCKED)
      RETURNING 1`,
  },
  {
    kind: "webhook deliveries",
    table: "webhook_deliveries",
    kept: "90 days, once delivered or failed, with their attempts (pending ones stay)",
    batch: (now, limit) => Prisma.sql`
      DELETE FROM webhook_deliveries WHERE id IN (
        SELECT id FROM webhook_deliveries
         WHERE created_at <= ${before(now, 90 * DAY_MS)} AND status IN ('delivered', 'failed')
         LIMIT ${limit} FOR UPDATE SKIP LOCKED)
      RETURNING 1`,
  },
];
