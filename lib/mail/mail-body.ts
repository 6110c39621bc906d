import "server-only";
import { open, seal } from "@/lib/crypto/secret-box";

/**
 * The longest a body stays in the outbox, delivered or not: as long as the longest link Verity
 * mails (an invitation, 7 days). A body without links, or whose sender names no expiry, goes then too.
 */
export const MAIL_BODY_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Bound to the row: a sealed body copied onto another message (say, one addressed to the copier)
 * does not open there.
 */
const purposeOf = (mailId: string) => `mail_outbox.sealed_text:${mailId}`;

/** Mail bodies may carry bearer links: a database reader without the encryption key gets nothing usable. */
export const sealMailBody = (mailId: string, text: string) => seal(text, purposeOf(mailId));

/** The body, or null when it cannot be opened (sealed under another encryption key, or altered). */
export function openMailBody(mailId: string, sealedText: string): string | null {
  try {
    return open(sealedText, purposeOf(mailId));
  } catch {
    return null;
  }
}

/** When the body is erased: once its last link has expired, and never later than the outbox's limit. */
export function mailBodyExpiry({ linksExpireAt, now }: { linksExpireAt?: Date; now: Date }): Date {
  const limit = now.getTime() + MAIL_BODY_MAX_AGE_MS;
  return new Date(Math.min(linksExpireAt?.getTime() ?? limit, limit));
}
