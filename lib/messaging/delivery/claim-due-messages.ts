import "server-only";
import type { Db } from "@/lib/db/client";
import { SEND_LEASE_SECONDS } from "./retry-schedule";

export type ClaimedMessage = {
  id: string;
  orgId: string;
  contactId: string | null;
  campaignId: string | null;
  to: string;
  body: string;
  attempts: number;
};

/**
 * Claims due messages (scheduled, sendAfter reached) with FOR UPDATE SKIP LOCKED, so workers running side by side
 * never claim the same one, and leases them: status "sending", sendAfter pushed by the lease. `orgIds` limits the
 * claim to some organizations (an operator draining one tenant; tests sharing one database).
 */
export async function claimDueMessages(
  db: Db,
  { now, limit, orgIds }: { now: Date; limit: number; orgIds?: string[] },
): Promise<ClaimedMessage[]> {
  const scoped = orgIds !== undefined;
  return db.$queryRaw<ClaimedMessage[]>`
    WITH due AS (
      SELECT m.id FROM messaging_messages m
       WHERE m.status = 'scheduled' AND m.send_after <= ${now}
         AND (NOT ${scoped} OR m.org_id = ANY(${orgIds ?? []}::uuid[]))
       ORDER BY m.send_after
       LIMIT ${limit}
       FOR UPDATE OF m SKIP LOCKED
    )
    UPDATE messaging_messages m
       SET status = 'sending', send_after = ${now}::timestamptz + make_interval(secs => ${SEND_LEASE_SECONDS})
      FROM due WHERE m.id = due.id
    RETURNING m.id::text AS id, m.org_id::text AS "orgId", m.contact_id::text AS "contactId",
              m.campaign_id::text AS "campaignId", m.to_e164 AS "to", m.body, m.attempts`;
}

/** Messages whose lease ran out while "sending": the worker holding them stopped between claiming and recording. */
export async function claimStaleSends(
  db: Db,
  { now, limit, orgIds }: { now: Date; limit: number; orgIds?: string[] },
): Promise<ClaimedMessage[]> {
  const scoped = orgIds !== undefined;
  return db.$queryRaw<ClaimedMessage[]>`
    SELECT m.id::text AS id, m.org_id::text AS "orgId", m.contact_id::text AS "contactId",
           m.campaign_id::text AS "campaignId", m.to_e164 AS "to", '' AS body, m.attempts
      FROM messaging_messages m
     WHERE m.status = 'sending' AND m.send_after <= ${now}
       AND (NOT ${scoped} OR m.org_id = ANY(${orgIds ?? []}::uuid[]))
     ORDER BY m.send_after
     LIMIT ${limit}`;
}
