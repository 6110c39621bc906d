import { z } from "zod";

export const MESSAGING_SENDERS = ["outbox", "twilio"] as const;

export const ZSetSender = z
  .object({
    sender: z
      .enum(MESSAGING_SENDERS, 'The sender is "outbox" or "twilio".')
      .describe(
        "outbox: allowed messages stay in Verity for your system to collect; twilio: sent through Twilio with the " +
          "org secrets TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM_NUMBER.",
      ),
  })
  .strict();
export type TSetSender = z.input<typeof ZSetSender>;

export const ZSenderView = z.object({ sender: z.enum(MESSAGING_SENDERS) });
export type TSenderView = z.infer<typeof ZSenderView>;
