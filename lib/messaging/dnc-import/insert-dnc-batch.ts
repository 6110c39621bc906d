import "server-only";
import type { Tx } from "@/lib/db/client";

export type CancelledMessage = {
  messageId: string;
  phone: string;
  campaignId: string | null;
  decisionId: string | null;
};
export type DncBatch = { phones: string[]; reasons: string[]; sources: string[] };

/**
 * Joins a batch's column into one text parameter: the separator, U+001F, is a control character no stored value can
 * hold (read-dnc-csv.ts rejects them), and one string costs the client a fraction of what an array of thousands does.
 */
const SEPARATOR = "\u001f";
const joined = (values: string[]) => values.join(SEPARATOR);

/**
 * One multi-row insert of a batch of numbers (unnest of three columns, each sent as one text: one statement, one
 * round trip), skipping
 * those already on the org's list (and repeats within the batch), and in the same statement the end of the
 * scheduled messages to every number of the batch: a number on the list is never sent to, so waiting for the
 * worker's gate to refuse it would only keep a dead message in the queue.
 */
export async function insertDncBatch(
  tx: Tx,
  { orgId, addedBy, now, batch }: { orgId: string; addedBy: string; now: Date; batch: DncBatch },
): Promise<{ added: number; cancelled: CancelledMessage[] }> {
  const [result] = await tx.$queryRaw<{ added: number; cancelled: CancelledMessage[] | null }[]>`
    WITH input AS (
      -- string_to_array of '' is no element, not one empty one: unnest pads a shorter column with NULL
      SELECT phone, coalesce(reason, '') AS reason, coalesce(source, '') AS source
        FROM unnest(string_to_array(${joined(batch.phones)}, ${SEPARATOR}),
                    string_to_array(${joined(batch.reasons)}, ${SEPARATOR}),
                    string_to_array(${joined(batch.sources)}, ${SEPARATOR})) AS t(phone, reason, source)
    ),
    added AS (
      INSERT INTO messaging_dnc (org_id, phone_e164, reason, source, added_at, added_by)
      SELECT ${orgId}::uuid, phone, reason, source, ${now}, ${addedBy} FROM input
      ON CONFLICT DO NOTHING
      RETURNING 1
    ),
    cancelled AS (
      UPDATE messaging_messages SET status = 'cancelled', last_error = 'cancelled: dnc_added'
       WHERE org_id = ${orgId}::uuid AND status = 'scheduled' AND to_e164 IN (SELECT phone FROM input)
      RETURNING id::text AS "messageId", to_e164 AS phone, campaign_id::text AS "campaignId",
                last_decision_id::text AS "decisionId"
    )
    SELECT (SELECT count(*) FROM added)::int AS added, (SELECT json_agg(cancelled) FROM cancelled) AS cancelled`;
  return { added: result?.added ?? 0, cancelled: result?.cancelled ?? [] };
}
