import { z } from "zod";

/** A reply as the API takes it: who it came from, its text, and the provider's id for it (for de-duplication). */
export const ZInboundReply = z
  .object({
    from: z.string().trim().min(3, "Give the number the reply came from.").max(40, "At most 40 characters."),
    text: z.string().max(1600, "At most 1,600 characters (ten SMS segments)."),
    providerMessageId: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_.:-]{1,64}$/, "Letters, digits and _ . : - only, at most 64.")
      .optional(),
  })
  .strict();
export type TInboundReply = z.input<typeof ZInboundReply>;

export const ZInboundReceipt = z.object({
  inboundId: z.string(),
  from: z.string().describe("The number in E.164."),
  keyword: z.string().nullable().describe("The keyword the whole reply was (STOP, START, …), or null."),
  optedOut: z.boolean().describe("The number is opted out after this reply."),
  cancelledMessages: z.number().int().describe("Pending messages to the number this reply cancelled."),
  duplicate: z.boolean().describe("This provider message id was received before: nothing was recorded again."),
});
export type TInboundReceipt = z.infer<typeof ZInboundReceipt>;
