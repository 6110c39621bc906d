import { z } from "zod";
import { CHECK_NAMES, GATE_DECISIONS, ZGateFacts } from "../messaging-events";
import { ZPageQuery } from "../page-cursor";
import { ZPhoneNumber } from "../phone-field";

export const MESSAGE_STATUSES = ["scheduled", "sending", "sent", "blocked", "cancelled", "failed"] as const;

/** What the gate is asked about: a number, and the campaign the message belongs to. */
export const ZCheckMessage = z
  .object({
    to: ZPhoneNumber,
    campaignId: z.uuid("Not a campaign id.").optional(),
  })
  .strict();
export type TCheckMessage = z.input<typeof ZCheckMessage>;

export const ZSendMessage = ZCheckMessage.extend({
  body: z.string().min(1, "The message is empty.").max(1600, "At most 1,600 characters (10 SMS segments)."),
}).strict();
export type TSendMessage = z.input<typeof ZSendMessage>;

export const ZGateDecisionView = z.object({
  decisionId: z.string(),
  decision: z.enum(GATE_DECISIONS),
  reason: z.string().describe('The deciding reason code ("allowed" when every check passed).'),
  checks: z
    .array(z.object({ name: z.enum(CHECK_NAMES), ok: z.boolean(), code: z.string(), facts: ZGateFacts }))
    .describe("The seven checks in order; after a blocking one the rest are not_run."),
  sendAfter: z.string().nullable().describe("When rescheduled: not before this time."),
});
export type TGateDecisionView = z.infer<typeof ZGateDecisionView>;

export const ZMessageView = z.object({
  id: z.string(),
  to: z.string(),
  contactId: z.string().nullable(),
  campaignId: z.string().nullable(),
  status: z.enum(MESSAGE_STATUSES),
  sendAfter: z.string().nullable(),
  decisionId: z.string().nullable(),
  sender: z.string().nullable(),
  attempts: z.number(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type TMessageView = z.infer<typeof ZMessageView>;

export const ZListMessagesQuery = z
  .object({
    status: z.enum(MESSAGE_STATUSES).optional(),
    to: ZPhoneNumber.optional(),
    campaignId: z.uuid().optional(),
    ...ZPageQuery,
  })
  .strict();
