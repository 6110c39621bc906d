import "server-only";
import { z } from "zod";
import type { OrgContext } from "@/lib/context";
import { MAX_JSON_BODY_BYTES } from "@/lib/http/body-limit";
import { ingestEvents, type IngestClient } from "./append-ingested";
import { ZIngestEvent } from "./ingest-event";

/** The most events one batch request may carry. */
export const MAX_BATCH_EVENTS = 1_000;
/** A batch's body limit: 1,000 events of about 2 KB each. Each event alone stays within the single endpoint's limit. */
export const MAX_BATCH_BODY_BYTES = 2 * 1024 * 1024;

/**
 * Each event is checked on its own (errors are keyed `events.<index>.<field>`), and no event may be
 * larger than the single-event endpoint accepts, so a batch is never a way around that limit.
 */
const ZBatchedEvent = ZIngestEvent.refine((event) => JSON.stringify(event).length <= MAX_JSON_BODY_BYTES, {
  message: `An event may be at most ${MAX_JSON_BODY_BYTES / 1024} KB of JSON, as with POST /audit-events.`,
});

export const ZIngestBatch = z
  .object({
    events: z
      .array(ZBatchedEvent)
      .min(1, "Send at least one event.")
      .max(MAX_BATCH_EVENTS, `At most ${MAX_BATCH_EVENTS.toLocaleString("en-US")} events in one batch.`),
  })
  .strict();
export type TIngestBatch = z.input<typeof ZIngestBatch>;

export const ZIngestedBatch = z.object({
  count: z.number().describe("How many events were recorded: all of the batch."),
  firstSeq: z.string().describe("The chain position of the batch's first event, as a decimal string."),
  lastSeq: z.string().describe("The chain position of its last event; the events are consecutive, in request order."),
  entries: z
    .array(z.object({ id: z.string(), seq: z.string(), hash: z.string() }))
    .describe("Each event's entry, in the order the events were sent: its id, chain position and hash."),
});
export type TIngestedBatch = z.infer<typeof ZIngestedBatch>;

/**
 * Several of a customer's own events recorded as consecutive entries of the organization's chain, in the order sent:
 * all of them or (on any refusal) none. One statement links them (append-batch.ts), so the head is locked once for the
 * whole batch, not once per event: in the guard's transaction with an Idempotency-Key, else on its own, in the ingest
 * appender's statement (append-ingested.ts). Metering counts events, not requests.
 */
export async function ingestCustomEvents(
  client: IngestClient,
  ctx: OrgContext,
  input: z.infer<typeof ZIngestBatch>,
): Promise<TIngestedBatch> {
  const ingested = await ingestEvents(client, ctx, input.events);
  const entries = ingested.map(({ appended }) => ({
    id: appended.id,
    seq: appended.seq.toString(),
    hash: appended.hash,
  }));
  return { count: entries.length, firstSeq: entries[0].seq, lastSeq: entries.at(-1)!.seq, entries };
}
