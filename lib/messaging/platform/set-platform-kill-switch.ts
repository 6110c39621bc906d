import "server-only";
import { appendPreparedAuditEntries, prepareAuditEntry } from "@/lib/audit/append-audit-entry";
import type { Actor } from "@/lib/context";
import type { Db, Tx } from "@/lib/db/client";
import { appendPlatformTrail } from "@/lib/staff/platform-trail";

/** How the platform switch's entries in an organization's trail name who acted (the operator is in the platform trail). */
const PLATFORM_OPERATOR: Actor = { type: "system", id: null, display: "Verity platform operator" };
const ORGS_PER_STATEMENT = 500;

type Change = { db: Db; on: boolean; reason: string | null; operator: string; now?: Date };

/**
 * Turns the platform-wide messaging kill switch on or off (`verity messaging kill-switch`): while it is on, the gate
 * blocks every organization's messages at check 1, and the delivery worker blocks everything due. Recorded twice,
 * in the same transaction as the change:
 * - in the platform trail (messaging.kill_switch_changed, with the operator's shell account and machine): who may
 *   stop every customer's sending is a platform fact, like who is staff;
 * - as kill_switch.changed (scope "platform") in the trail of every organization that uses messaging (has messaging
 *   settings or a contact): the switch decides what happens to its messages, and its owners and auditors read their
 *   own trail, not the platform's. Its blocked decisions then name check kill_switch; this entry says when and why.
 * Setting it to the state it is in changes and records nothing.
 */
export async function setPlatformKillSwitch({ db, on, reason, operator, now = new Date() }: Change) {
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT 1 FROM messaging_platform_switch WHERE id = 'platform' FOR UPDATE`;
      const current = await tx.messagingPlatformSwitch.findUnique({ where: { id: "platform" } });
      if ((current?.on ?? false) === on) return { changed: false, organizations: 0 };
      const state = { on, changedAt: now, changedBy: operator, reason };
      await tx.messagingPlatformSwitch.upsert({
        where: { id: "platform" },
        create: { id: "platform", ...state },
        update: state,
      });
      await appendPlatformTrail(tx, {
        action: "messaging.kill_switch_changed",
        actorDisplay: operator,
        targetUserId: null,
        targetEmail: null,
        metadata: { on: String(on), reason: reason ?? "" },
      });
      return { changed: true, organizations: await recordInMessagingOrgs(tx, { on, reason }) };
    },
    { timeout: 120_000 },
  );
}

async function recordInMessagingOrgs(tx: Tx, { on, reason }: { on: boolean; reason: string | null }) {
  const orgs = await tx.$queryRaw<{ id: string }[]>`
    SELECT o.id::text AS id FROM organizations o
     WHERE o.deleted_at IS NULL
       AND (EXISTS (SELECT 1 FROM messaging_settings s WHERE s.org_id = o.id)
            OR EXISTS (SELECT 1 FROM messaging_contacts c WHERE c.org_id = o.id))
     ORDER BY o.id`;
  for (let start = 0; start < orgs.length; start += ORGS_PER_STATEMENT) {
    const entries = orgs.slice(start, start + ORGS_PER_STATEMENT).map((org) =>
      prepareAuditEntry({
        orgId: org.id,
        action: "kill_switch.changed",
        actor: PLATFORM_OPERATOR,
        target: { type: "organization", id: org.id, display: null },
        metadata: { scope: "platform", on, reason },
      }),
    );
    await appendPreparedAuditEntries(tx, entries);
  }
  return orgs.length;
}
