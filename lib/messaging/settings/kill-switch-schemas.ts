import { z } from "zod";

export const ZSetKillSwitch = z
  .object({
    on: z
      .boolean()
      .describe("true stops every message of the organization at the gate; false lets the gate decide again."),
    reason: z.string().trim().max(500).optional(),
  })
  .strict();
export type TSetKillSwitch = z.input<typeof ZSetKillSwitch>;

export const ZKillSwitchView = z.object({
  on: z.boolean().describe("The organization's own switch."),
  changedAt: z.string().nullable(),
  changedBy: z.string().nullable(),
  reason: z.string().nullable(),
  platformOn: z
    .boolean()
    .describe("Verity's platform-wide switch (its staff): when on, every organization is stopped."),
});
export type TKillSwitchView = z.infer<typeof ZKillSwitchView>;
