import "server-only";
import { Prisma } from "@/lib/db/generated/client";
import { type Db } from "@/lib/db/client";
import { openMailBody } from "./mail-body";
import { describeSendError, smtpSender, type MailSender } from "./mail-transport";

/** After this many failed attempts a message stays in the outbox for a person to look at. */
export const MAX_DELIVERY_ATTEMPTS = 5;
/** Longer than the transport's own timeouts (mail-transport.ts), so a slow send fails before the transaction. */
const TRANSACTION_TIMEOUT_MS = 60_000;

type ClaimedMail = { id: string; to: string; subject: string; sealedText: string };

export type DeliveryReport = { sent: number; failed: number };

/**
 * Sends what is waiting in the outbox, oldest first, one message per transaction. Each message is
 * claimed with FOR UPDATE SKIP LOCKED, so any number of processes can deliver at once without
 * sending a message twice; the row lock lasts one send, and if the process dies mid-send the claim
 * rolls back and the message is sent later (at least once, never silently dropped).
 */
export async function deliverPendingMail({
  db,
  limit = 20,
  send = smtpSender,
}: {
  db: Db;
  limit?: number;
  send?: MailSender;
}): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, failed: 0 };
  // A message that failed in this run waits for the next one, rather than being retried at once.
  const failedIds: string[] = [];
  for (let i = 0; i < limit; i++) {
    const outcome = await db.$transaction(
      async (tx) => {
        const [mail] = await tx.$queryRaw<ClaimedMail[]>`
          SELECT id, "to", subject, sealed_text AS "sealedText" FROM mail_outbox
          WHERE sent_at IS NULL AND attempts < ${MAX_DELIVERY_ATTEMPTS}
            AND sealed_text IS NOT NULL AND body_expires_at > now()
            ${failedIds.length ? Prisma.sql`AND id NOT IN (${Prisma.join(failedIds.map((id) => Prisma.sql`${id}::uuid`))})` : Prisma.empty}
          ORDER BY created_at, id
          LIMIT 1
          FOR UPDATE SKIP LOCKED`;
        if (!mail) return "empty" as const;
        try {
          const text = await openMailBody(tx, mail.id, mail.sealedText);
          if (text === null) throw new Error("the body cannot be opened with this instance's keys");
          await send({ to: mail.to, subject: mail.subject, text });
        } catch (error) {
          const lastError = describeSendError(error);
          await tx.mailMessage.update({ where: { id: mail.id }, data: { attempts: { increment: 1 }, lastError } });
          console.error(`mail ${mail.id} not delivered: ${lastError}`);
          failedIds.push(mail.id);
          return "failed" as const;
        }
        // Once delivered, the body goes, sealed or not: reset and invitation links are bearer
        // credentials, and the outbox need not hold them any longer (the token hashes are what stays).
        await tx.mailMessage.update({
          where: { id: mail.id },
          data: {
            sentAt: new Date(),
            attempts: { increment: 1 },
            lastError: null,
            sealedText: null,
            bodyExpiresAt: null,
          },
        });
        return "sent" as const;
      },
      { timeout: TRANSACTION_TIMEOUT_MS },
    );
    if (outcome === "empty") break;
    report[outcome]++;
  }
  return report;
}
