import "server-only";
import { z } from "zod";
import type { Tx } from "@/lib/db";

export const ZMailMessage = z.object({
  to: z.email().max(254),
  subject: z.string().trim().min(1).max(200),
  text: z.string().min(1).max(20_000),
  /** What the message is for ("password_reset"), so the outbox and later metrics can tell messages apart. */
  kind: z.string().regex(/^[a-z][a-z0-9_]*$/).max(64),
});
export type TMailMessage = z.infer<typeof ZMailMessage>;

/**
 * Writes a message to the outbox in the caller's transaction: the mail exists if and only if the
 * change that asked for it commits. Delivery happens afterwards (deliver-pending-mail.ts).
 */
export async function enqueueMail(tx: Tx, message: TMailMessage): Promise<{ id: string }> {
  const data = ZMailMessage.parse(message);
  return tx.mailMessage.create({ data, select: { id: true } });
}
