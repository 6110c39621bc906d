import "server-only";
import { appendAuditEntry, SYSTEM_ACTOR } from "@/lib/audit/append-audit-entry";
import type { Db } from "@/lib/db/client";
import { enqueueMail } from "@/lib/mail";
import { apiKeyTarget } from "./api-key-view";
import { API_KEY_LIMITS } from "./schemas";

const DAY_MS = 24 * 60 * 60 * 1000;
const BATCH = 100;

/**
 * The scheduled side of key lifetimes, run by the worker every minute: a reminder (an audit entry and
 * a mail to the creator) 7 days before a key expires, and an audit entry when it has expired. Each
 * key is claimed by compare-and-set on its marker column, so concurrent workers record each event once.
 */
export async function sweepApiKeys(db: Db, now = new Date()): Promise<{ reminded: number; expired: number }> {
  let reminded = 0;
  let expired = 0;
  const dueForReminder = await db.apiKey.findMany({
    where: {
      revokedAt: null,
      graceEndsAt: null,
      expiryReminderAt: null,
      expiresAt: { gt: now, lte: new Date(now.getTime() + API_KEY_LIMITS.reminderDays * DAY_MS) },
      org: { deletedAt: null },
    },
    include: { createdBy: { select: { email: true } }, org: { select: { slug: true, name: true } } },
    orderBy: { expiresAt: "asc" },
    take: BATCH,
  });
  for (const key of dueForReminder) {
    const daysLeft = Math.max(0, Math.ceil((key.expiresAt.getTime() - now.getTime()) / DAY_MS));
    reminded += await db.$transaction(async (tx) => {
      const { count } = await tx.apiKey.updateMany({
        where: { id: key.id, expiryReminderAt: null },
        data: { expiryReminderAt: now },
      });
      if (count === 0) return 0;
      await enqueueMail(tx, {
        to: key.createdBy.email,
        subject: `Your API key "${key.name}" expires in ${daysLeft} day${daysLeft === 1 ? "" : "s"}`,
        text:
          `Your API key "${key.name}" (${key.prefix}…) in ${key.org.name} expires on ${key.expiresAt.toUTCString()}.\n\n` +
          `Roll it from the API keys page (/${key.org.slug}/api-keys) to get a replacement; the old key keeps ` +
          `working for the grace period you choose.`,
        kind: "api_key_expiry_reminder",
      });
      await appendAuditEntry(tx, {
        orgId: key.orgId,
        action: "api_key.expiry_reminder",
        actor: SYSTEM_ACTOR,
        target: apiKeyTarget(key),
        metadata: { name: key.name, expiresAt: key.expiresAt.toISOString(), daysLeft, notified: key.createdBy.email },
      });
      return 1;
    });
  }
  const lapsed = await db.apiKey.findMany({
    where: {
      revokedAt: null,
      graceEndsAt: null,
      expiryRecordedAt: null,
      expiresAt: { lte: now },
      org: { deletedAt: null },
    },
    orderBy: { expiresAt: "asc" },
    take: BATCH,
  });
  for (const key of lapsed) {
    expired += await db.$transaction(async (tx) => {
      const { count } = await tx.apiKey.updateMany({
        where: { id: key.id, expiryRecordedAt: null },
        data: { expiryRecordedAt: now },
      });
      if (count === 0) return 0;
      await appendAuditEntry(tx, {
        orgId: key.orgId,
        action: "api_key.expired",
        actor: SYSTEM_ACTOR,
        target: apiKeyTarget(key),
        metadata: { name: key.name, expiresAt: key.expiresAt.toISOString() },
      });
      return 1;
    });
  }
  return { reminded, expired };
}
