import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Tx } from "@/lib/db/client";
import { mailBodyExpiry, sealMailBody } from "./mail-body";

export const ZMailMessage = z.object({
  to: z.email().max(254),
  subject: z.string().trim().min(1).max(200),
  /** Stored sealed, never in clear: it may carry a single-use link. The subject is stored in clear, so it must not. */
  text: z.string().min(1).max(20_000),
  /** What the message is for ("password_reset"), so the outbox and later metrics can tell messages apart. */
  kind: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/)
    .max(64),
  /** When the last link in the body stops working: the body is erased then (at the latest 7 days on). */
  linksExpireAt: z.date().optional(),
});
export type TMailMessage = z.input<typeof ZMailMessage>;

/**
 * Writes a message to the outbox in the caller's transaction: the mail exists if and only if the
 * change that asked for it commits. The body is sealed under the platform data key (wrapped by a key
 * that lives outside the database), so a dump of the outbox holds no working link. Delivery happens afterwards
 * (deliver-pending-mail.ts); the worker erases bodies that expire first (erase-expired-mail-bodies.ts).
 */
export async function enqueueMail(tx: Tx, message: TMailMessage, now = new Date()): Promise<{ id: string }> {
  const { text, linksExpireAt, ...fields } = ZMailMessage.parse(message);
  const id = randomUUID();
  return tx.mailMessage.create({
    data: {
      id,
      ...fields,
      sealedText: await sealMailBody(tx, id, text),
      bodyExpiresAt: mailBodyExpiry({ linksExpireAt, now }),
    },
    select: { id: true },
  });
}
