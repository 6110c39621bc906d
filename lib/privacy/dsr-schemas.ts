import { z } from "zod";

export const DSR_TYPES = ["access", "erasure"] as const;
export const DSR_REGIMES = ["GDPR", "CCPA"] as const;
export const DSR_STATUSES = ["received", "completed", "rejected"] as const;
export type DsrType = (typeof DSR_TYPES)[number];
export type DsrRegime = (typeof DSR_REGIMES)[number];

/** Days to answer from receipt: one month under GDPR Art. 12(3) (taken as 30 days), 45 days under CCPA. */
export const DSR_DEADLINE_DAYS: Record<DsrRegime, number> = { GDPR: 30, CCPA: 45 };
export const DSR_LIMITS = { maxSubject: 320, maxReason: 1000 } as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The person: an email address (stored lower-cased) or a Verity user id. */
export const ZDsrSubject = z
  .string()
  .trim()
  .min(1, "Name the person: their email address or user id.")
  .max(DSR_LIMITS.maxSubject, `At most ${DSR_LIMITS.maxSubject} characters.`)
  .refine((value) => z.email().safeParse(value).success || UUID.test(value), {
    message: "An email address (ada@example.com) or a user id (a UUID).",
  })
  .transform((value) => value.toLowerCase());

/** A day (2026-01-31, the form's date field) or an instant; empty or absent: now. Never in the future. */
const ZReceivedAt = z.preprocess(
  // A Date is this schema's own output, parsed again by the service after the guard parsed it.
  (value) => (value === "" || value === null ? undefined : value instanceof Date ? value.toISOString() : value),
  z
    .union([z.iso.date(), z.iso.datetime({ offset: true })], {
      error: "A date such as 2026-01-31, or a time such as 2026-01-31T09:00:00Z.",
    })
    .optional()
    .transform((value) =>
      value === undefined ? new Date() : new Date(value.length === 10 ? `${value}T00:00:00Z` : value),
    )
    .refine((date) => date.getTime() <= Date.now() + 60_000, {
      message: "The request cannot be received in the future.",
    }),
);

export const ZRecordDsr = z
  .object({
    subject: ZDsrSubject,
    type: z.enum(DSR_TYPES, { error: "Choose access or erasure." }),
    regime: z.enum(DSR_REGIMES, { error: "Choose GDPR (30 days) or CCPA (45 days)." }),
    receivedAt: ZReceivedAt,
  })
  .strict();
export type TRecordDsr = z.input<typeof ZRecordDsr>;

const ZReason = z
  .string()
  .trim()
  .min(1, "Give the reason (the requester is told it).")
  .max(DSR_LIMITS.maxReason, `At most ${DSR_LIMITS.maxReason} characters.`);
const ZNote = z.preprocess(
  (value) => (value === "" ? undefined : value),
  z.string().trim().max(DSR_LIMITS.maxReason, `At most ${DSR_LIMITS.maxReason} characters.`).optional(),
);

export const ZDsrId = z.uuid("No such request.");
export const ZRejectDsr = z.object({ requestId: ZDsrId, reason: ZReason }).strict();
export const ZCompleteDsr = z.object({ requestId: ZDsrId, note: ZNote }).strict();

/** What a completion did: each kind of data erased (with a count) or delivered, and each kept, with why. */
export const ZCompletionRecord = z.object({
  erased: z.array(z.object({ data: z.string(), count: z.number().int() })),
  kept: z.array(z.object({ data: z.string(), why: z.string() })),
  delivered: z.array(z.object({ data: z.string(), count: z.number().int() })),
  note: z.string().optional(),
});
export type TCompletionRecord = z.infer<typeof ZCompletionRecord>;

const ZPerson = z.object({ id: z.string(), display: z.string().nullable() });

/** A request as it leaves the server. */
export const ZDsrView = z.object({
  id: z.string(),
  subject: z.string(),
  type: z.enum(DSR_TYPES),
  regime: z.enum(DSR_REGIMES),
  status: z.enum(DSR_STATUSES),
  receivedAt: z.string(),
  dueAt: z.string(),
  overdue: z.boolean().describe("Still open after its deadline."),
  daysLeft: z.number().int().describe("Whole days until the deadline (negative once overdue)."),
  recordedBy: ZPerson,
  resolvedAt: z.string().nullable(),
  resolvedBy: ZPerson.nullable(),
  reason: z.string().nullable(),
  completionRecord: ZCompletionRecord.nullable(),
});
export type TDsrView = z.infer<typeof ZDsrView>;
