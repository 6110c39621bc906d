import { z } from "zod";

/** The shape an audit entry leaves the server in: parsed on the way out, so a new column never leaks. */
export const ZAuditEntryView = z.object({
  id: z.string(),
  seq: z.string(),
  occurredAt: z.string(),
  category: z.string(),
  action: z.string(),
  actor: z.object({ type: z.string(), id: z.string().nullable(), display: z.string().nullable() }),
  target: z.object({ type: z.string(), id: z.string().nullable(), display: z.string().nullable() }).nullable(),
  outcome: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  geo: z
    .object({ country: z.string().nullable(), region: z.string().nullable(), city: z.string().nullable() })
    .nullable(),
  requestId: z.string().nullable(),
  metadata: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});
export type TAuditEntryView = z.infer<typeof ZAuditEntryView>;
