import { z } from "zod";

/**
 * The shape an audit entry leaves the server in: parsed on the way out, so a new column never leaks.
 * It carries the whole hashed content (entry-content.ts: every field but seq and the three hashes),
 * occurredAt to the stored microsecond, so whoever receives it (a REST client, a webhook receiver)
 * can recompute contentHash and hash from it alone.
 */
export const ZAuditEntryView = z.object({
  id: z.string(),
  orgId: z.string().describe("The organization's UUID; part of the hashed content."),
  seq: z.string().describe("The entry's position in its organization's chain, from 1, as a decimal string."),
  occurredAt: z
    .string()
    .describe("UTC with exactly six fractional digits, as stored and hashed: 2026-11-25T13:28:18.123456Z."),
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
  contentHash: z
    .string()
    .describe(
      "Lower-case hex SHA-256 of the RFC 8785 canonical JSON of {v: 1, and every field here but seq, contentHash, " +
        "prevHash and hash} (README: The hash chain, byte for byte).",
    ),
  prevHash: z.string().describe("The previous entry's hash; 64 zeros for the first entry."),
  hash: z.string().describe("Lower-case hex SHA-256 of the 64 bytes prevHash ‖ contentHash, each decoded from hex."),
});
export type TAuditEntryView = z.infer<typeof ZAuditEntryView>;
