import "server-only";
import type { Db, Tx } from "@/lib/db/client";
import { ZInvitationView, type TInvitationView } from "./member-view";

export { ZInvitationView, type TInvitationView };

/** Invitations neither accepted nor revoked, newest first; expired ones stay listed (marked) so they can be resent. */
export async function listInvitations(
  client: Db | Tx,
  { orgId, viewerId, now = new Date() }: { orgId: string; viewerId?: string; now?: Date },
): Promise<TInvitationView[]> {
  const rows = await client.invitation.findMany({
    where: { orgId, acceptedAt: null, revokedAt: null },
    orderBy: [{ lastSentAt: "desc" }, { id: "asc" }],
    take: 200,
    select: {
      id: true,
      email: true,
      role: true,
      lastSentAt: true,
      expiresAt: true,
      invitedById: true,
      invitedBy: { select: { name: true, email: true } },
    },
  });
  return rows.map(({ invitedById, ...row }) =>
    ZInvitationView.parse({ ...row, expired: row.expiresAt <= now, sentByViewer: invitedById === viewerId }),
  );
}
