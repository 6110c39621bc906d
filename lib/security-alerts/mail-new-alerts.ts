import "server-only";
import type { Db } from "@/lib/db/client";
import { enqueueMail } from "@/lib/mail";

const BATCH = 50;

/**
 * Mails each owner about every new high or critical alert, once: an outbox pass of the worker's (alerts are raised
 * beside the trail, below the mail domain, and some in transactions that must not wait on anything else). The rows
 * are claimed with SKIP LOCKED and marked in the transaction that writes the mail, so several workers mail each
 * alert once. The subject names the organization and severity only (subjects are stored in clear).
 */
export async function mailNewSecurityAlerts(db: Db, { orgId }: { orgId?: string } = {}): Promise<number> {
  return db.$transaction(async (tx) => {
    const alerts = await tx.$queryRaw<
      { id: string; org_id: string; title: string; severity: string; who: string | null }[]
    >`
      SELECT id::text, org_id::text, title, severity::text, subject_display AS who FROM security_alerts
       WHERE owners_mailed_at IS NULL AND severity IN ('high', 'critical')
         AND (${orgId ?? null}::uuid IS NULL OR org_id = ${orgId ?? null}::uuid)
       ORDER BY first_seen_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`;
    for (const alert of alerts) {
      const org = await tx.organization.findUniqueOrThrow({
        where: { id: alert.org_id },
        select: { slug: true, name: true },
      });
      const owners = await tx.membership.findMany({
        where: { orgId: alert.org_id, role: "OWNER" },
        select: { user: { select: { email: true } } },
        orderBy: { createdAt: "asc" },
      });
      for (const { user } of owners)
        await enqueueMail(tx, {
          to: user.email,
          subject: `Security alert (${alert.severity}) in ${org.name}`,
          text:
            `${alert.title}${alert.who ? `: ${alert.who}` : ""}.\n\n` +
            `Review it on the dashboard of ${org.name} (/${org.slug}), where an owner or admin can acknowledge or ` +
            `resolve it. Alert ${alert.id}.`,
          kind: "security_alert",
        });
      await tx.securityAlert.update({ where: { id: alert.id }, data: { ownersMailedAt: new Date() } });
    }
    return alerts.length;
  });
}
