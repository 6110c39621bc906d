import "server-only";
import { z } from "zod";
import type { TAuditEntryView } from "@/lib/audit/audit-entry-view";
import { appendedEntryView } from "@/lib/audit/entry-view-of";
import type { OrgContext } from "@/lib/context";
import { ingestEvents, type IngestClient } from "./append-ingested";

const segment = "[a-z0-9_]{1,40}";

/**
 * A customer's own event (a wallet transfer, a payout approval) recorded in their chain through the
 * API: category `custom`, action `custom.<their action>`, the calling key as actor.
 */
export const ZIngestEvent = z
  .object({
    action: z
      .string()
      .regex(
        new RegExp(`^(custom\\.)?${segment}(\\.${segment}){0,4}$`),
        "Use lower-case dotted words, for example wallet.transfer_approved.",
      )
      .transform((action) => (action.startsWith("custom.") ? action : `custom.${action}`)),
    target: z
      .object({
        type: z.string().trim().min(1).max(64),
        id: z.string().max(200).nullable().default(null),
        display: z.string().max(200).nullable().default(null),
      })
      .strict()
      .optional(),
    outcome: z.enum(["success", "failure", "denied"]).default("success"),
    metadata: z.record(z.string().max(100), z.unknown()).default({}),
  })
  .strict();
export type TIngestEvent = z.input<typeof ZIngestEvent>;

/**
 * The event as the guard parsed it through ZIngestEvent (the operation's body schema): not parsed again here. In the
 * guard's transaction with an Idempotency-Key, else on its own (append-ingested.ts).
 */
export async function ingestCustomEvent(
  client: IngestClient,
  ctx: OrgContext,
  input: z.output<typeof ZIngestEvent>,
): Promise<TAuditEntryView> {
  // Answered with its seq and hash, so linked before the answer (not at a commit, as appendAuditEntry's are).
  const [{ prepared, appended }] = await ingestEvents(client, ctx, [input]);
  return appendedEntryView(prepared, appended);
}
