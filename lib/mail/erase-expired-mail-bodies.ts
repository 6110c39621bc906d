import "server-only";
import type { Db } from "@/lib/db/client";

/**
 * Erases the bodies whose time is up (their last link has expired, or the outbox's 7-day limit has
 * passed), delivered or not; recipient, subject, status and timestamps stay. Run by the worker, so
 * an instance without SMTP does not keep a growing pile of sealed links either.
 */
export async function eraseExpiredMailBodies({
  db,
  now = new Date(),
}: {
  db: Db;
  now?: Date;
}): Promise<{ erased: number }> {
  const { count } = await db.mailMessage.updateMany({
    where: { bodyExpiresAt: { lte: now } },
    data: { sealedText: null, bodyExpiresAt: null },
  });
  return { erased: count };
}
