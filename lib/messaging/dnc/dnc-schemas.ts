import { z } from "zod";
import { ZPageQuery } from "../page-cursor";
import { ZPhoneNumber } from "../phone-field";

export const ZAddDncEntry = z
  .object({
    phone: ZPhoneNumber,
    reason: z.string().trim().max(500).default(""),
    source: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .default("manual")
      .describe('Where the request came from ("manual", "api", …).'),
  })
  .strict();
export type TAddDncEntry = z.input<typeof ZAddDncEntry>;

export const ZListDncQuery = z
  .object({ q: z.string().trim().max(32).default("").describe("Digits of the number."), ...ZPageQuery })
  .strict();

export const ZDncEntryView = z.object({
  phone: z.string(),
  reason: z.string(),
  source: z.string(),
  addedAt: z.string(),
  addedBy: z.string(),
});
export type TDncEntryView = z.infer<typeof ZDncEntryView>;

export function dncEntryView(row: {
  phoneE164: string;
  reason: string;
  source: string;
  addedAt: Date;
  addedBy: string;
}) {
  return {
    phone: row.phoneE164,
    reason: row.reason,
    source: row.source,
    addedAt: row.addedAt.toISOString(),
    addedBy: row.addedBy,
  };
}
