import "server-only";
import { z } from "zod";
import type { Db, Tx } from "@/lib/db";
import { ZRole } from "./schemas";

/** What the pending-invitations list may show: parsed on the way out, so the token hash never leaves. */
export const ZInvitationView = z.object({
  id: z.string(),
  email: z.string(),
  role: ZRole,
  invitedBy: z.object({ name: z.string(), email: z.string() }),
  lastSentAt: z.date(),
  expiresAt: z.date(),
  expired: z.boolean(),
});
export type TInvitationView = z.infer<typeof ZInvitationView>;

/** Invitations neither accepted nor revoked, newest first; expired ones stay listed (marked) so they can be resent. */
export async function listInvitations(client: Db | Tx, { orgId, now = new Date() }: { orgId: string; now?: Date }): Promise<TInvitationView[]> {
  const rows = await client.invitation.findMany({
    where: { orgId, acceptedAt: null, revokedAt: null },
    orderBy: [{ lastSentAt: "desc" }, { id: "asc" }],
    take: 200,
    select: { id: true, email: true, role: true, lastSentAt: true, expiresAt: true, invitedBy: { select: { name: true, email: true } } },
  });
  return rows.map((row) => ZInvitationView.parse({ ...row, expired: row.expiresAt <= now }));
}
