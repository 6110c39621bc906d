import "server-only";
import { envelopeDataKeyId, isLegacySealed, openEnveloped, sealEnveloped } from "@/lib/crypto/enveloped-value";
import { openLegacySealed } from "@/lib/crypto/legacy-sealed";
import { currentPlatformDataKeyIn, platformDataKeyById } from "@/lib/crypto/platform-data-keys";
import type { Db, Tx } from "@/lib/db/client";

/**
 * The longest a body stays in the outbox, delivered or not: as long as the longest link Verity
 * mails (an invitation, 7 days). A body without links, or whose sender names no expiry, goes then too.
 */
export const MAIL_BODY_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Why the platform data key and not an organization's: a mail is addressed to a person, and many belong to no
 * organization (sign-up, password reset, a staff notice), nor does the outbox row name one; the platform key is
 * wrapped by the same key provider as every org's data keys, so a KEK rotation re-wraps it too. Bound to the row:
 * a sealed body copied onto another message (say, one addressed to the copier) does not open there.
 */
export const mailBodyContext = (mailId: string) => `verity/mail-body/v1|${mailId}`;
/** The purpose bodies were sealed under before envelope encryption (the instance key directly). */
export const legacyMailBodyPurpose = (mailId: string) => `mail_outbox.sealed_text:${mailId}`;

/** Mail bodies may carry bearer links: a database reader without the key-encryption key gets nothing usable. */
export async function sealMailBody(tx: Tx, mailId: string, text: string): Promise<string> {
  return sealEnveloped(await currentPlatformDataKeyIn(tx), mailBodyContext(mailId), text);
}

/**
 * The body, or null when it cannot be opened (a key this instance lacks, altered, or moved). One still in the
 * pre-envelope form (not yet converted at start-up) opens with the instance key until that form is retired.
 */
export async function openMailBody(db: Db | Tx, mailId: string, sealedText: string): Promise<string | null> {
  try {
    if (isLegacySealed(sealedText)) return await openLegacySealed(db, sealedText, legacyMailBodyPurpose(mailId));
    const dataKey = await platformDataKeyById(db, envelopeDataKeyId(sealedText));
    return openEnveloped(dataKey, mailBodyContext(mailId), sealedText);
  } catch {
    return null;
  }
}

/** When the body is erased: once its last link has expired, and never later than the outbox's limit. */
export function mailBodyExpiry({ linksExpireAt, now }: { linksExpireAt?: Date; now: Date }): Date {
  const limit = now.getTime() + MAIL_BODY_MAX_AGE_MS;
  return new Date(Math.min(linksExpireAt?.getTime() ?? limit, limit));
}
