import "server-only";
import canonicalize from "canonicalize";
import { createHash } from "node:crypto";
import { GENESIS_HASH } from "@/lib/audit/entry-content";
import type { Tx } from "@/lib/db/client";

export type PlatformTrailEvent = {
  /** Who is staff; and the platform-wide messaging kill switch (`verity messaging kill-switch`). */
  action: "staff.granted" | "staff.revoked" | "messaging.kill_switch_changed";
  /** The operator, as the shell running `verity staff` names them (no panel session exists there). */
  actorDisplay: string;
  targetUserId: string | null;
  targetEmail: string | null;
  metadata?: Record<string, string>;
};

/**
 * The platform trail records who may become platform staff, and who turned the platform-wide messaging kill
 * switch on or off (lib/messaging/platform). It is its own append-only table, not an
 * organization's chain: it belongs to no customer (a "platform organization" would need a slug, members,
 * billing and retention that mean nothing here, and would show in org lists and every per-org job), and
 * what staff then do inside an organization is recorded in that organization's own chain, where its
 * owners and auditors read it. Like a chain, each row links to the previous one by hash (RFC 8785 bytes,
 * SHA-256), and triggers refuse UPDATE, DELETE and TRUNCATE. Appends are rare (a grant or a revocation):
 * a table lock serializes them, and the seq primary key is the backstop against a fork.
 */
export async function appendPlatformTrail(tx: Tx, event: PlatformTrailEvent) {
  await tx.$executeRawUnsafe('LOCK TABLE "platform_trail" IN SHARE ROW EXCLUSIVE MODE');
  const last = await tx.platformTrailEntry.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  const seq = (last?.seq ?? 0n) + 1n;
  const prevHash = last?.hash ?? GENESIS_HASH;
  const occurredAt = new Date();
  const metadata = event.metadata ?? {};
  const content = { v: 1, seq: seq.toString(), occurredAt: occurredAt.toISOString(), ...event, metadata };
  const contentHash = createHash("sha256").update(canonicalize(content)!).digest("hex");
  const hash = createHash("sha256").update(prevHash).update(contentHash).digest("hex");
  return tx.platformTrailEntry.create({ data: { seq, occurredAt, ...event, metadata, prevHash, hash } });
}
