import { z } from "zod";
import { parseAuditQuery } from "@/lib/audit/search/parse-audit-query";
import { MAX_QUERY_LENGTH } from "@/lib/audit/search/tokenize-audit-query";

/** What a hold covers: the whole trail, people (user or actor ids), a date range, or a search of the trail. */
export const LEGAL_HOLD_SCOPE_KINDS = ["org", "people", "dates", "query"] as const;
export type LegalHoldScopeKind = (typeof LEGAL_HOLD_SCOPE_KINDS)[number];

export const LEGAL_HOLD_LIMITS = { maxName: 120, maxMatter: 1000, maxPeople: 100, maxReason: 1000 } as const;

/** A day (2026-01-31) or an instant with its offset; a day given as `until` covers that whole day. */
const ZDay = z.iso.date();
const ZInstant = z.iso.datetime({ offset: true });
const ZBound = z
  .string()
  .trim()
  .refine((value) => ZDay.safeParse(value).success || ZInstant.safeParse(value).success, {
    message: "A date such as 2026-01-31, or a time such as 2026-01-31T09:00:00Z.",
  });
/** An empty field (the form's) is no bound. */
const ZOptionalBound = z.preprocess((value) => (value === "" ? null : value), ZBound.nullish());
const startOf = (value: string) => new Date(ZDay.safeParse(value).success ? `${value}T00:00:00Z` : value);
const endOf = (value: string) =>
  ZDay.safeParse(value).success ? new Date(Date.parse(`${value}T00:00:00Z`) + 86_400_000) : new Date(value);

const ZPeople = z
  .array(z.string().trim().min(1, "An id may not be empty.").max(200, "An id is at most 200 characters."))
  .min(1, "Name at least one person: a user id, or an actor id as the audit trail shows it.")
  .max(LEGAL_HOLD_LIMITS.maxPeople, `At most ${LEGAL_HOLD_LIMITS.maxPeople} people in one hold.`)
  .transform((ids) => [...new Set(ids)]);

const ZQuery = z
  .string()
  .trim()
  .min(1, "Write the search whose entries the hold keeps, e.g. actor:ada@example.com action:member.*")
  .max(MAX_QUERY_LENGTH, `At most ${MAX_QUERY_LENGTH} characters.`)
  .superRefine((query, ctx) => {
    try {
      parseAuditQuery(query);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: (error as Error).message });
    }
  });

export const ZLegalHoldScope = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("org") }).strict(),
    z.object({ kind: z.literal("people"), people: ZPeople }).strict(),
    z
      .object({ kind: z.literal("dates"), from: ZOptionalBound, until: ZOptionalBound })
      .strict()
      .superRefine((scope, ctx) => {
        if (!scope.from && !scope.until)
          ctx.addIssue({ code: "custom", path: ["from"], message: "Give a start date, an end date, or both." });
        else if (scope.from && scope.until && startOf(scope.from) >= endOf(scope.until))
          ctx.addIssue({ code: "custom", path: ["until"], message: "The end must come after the start." });
      })
      .transform(({ kind, from, until }) => ({
        kind,
        from: from ? startOf(from).toISOString() : null,
        until: until ? endOf(until).toISOString() : null,
      })),
    z.object({ kind: z.literal("query"), query: ZQuery }).strict(),
  ],
  { error: "Choose what the hold covers: org, people, dates or query." },
);
export type TLegalHoldScope = z.output<typeof ZLegalHoldScope>;

export const ZCreateLegalHold = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, "Give the hold a name.")
      .max(LEGAL_HOLD_LIMITS.maxName, `At most ${LEGAL_HOLD_LIMITS.maxName} characters.`),
    matter: z
      .string()
      .trim()
      .min(1, "Say which matter or reason the hold is for.")
      .max(LEGAL_HOLD_LIMITS.maxMatter, `At most ${LEGAL_HOLD_LIMITS.maxMatter} characters.`),
    scope: ZLegalHoldScope,
  })
  .strict();
export type TCreateLegalHold = z.input<typeof ZCreateLegalHold>;

export const ZReleaseReason = z
  .string()
  .trim()
  .min(1, "Say why the hold is released (for example: the matter is closed).")
  .max(LEGAL_HOLD_LIMITS.maxReason, `At most ${LEGAL_HOLD_LIMITS.maxReason} characters.`);
export const ZReleaseLegalHold = z.object({ holdId: z.uuid("No such legal hold."), reason: ZReleaseReason }).strict();

const ZPerson = z.object({ id: z.string(), display: z.string().nullable() });

/** A hold as it leaves the server. Scope dates: `from` inclusive, `until` exclusive (null: open). */
export const ZLegalHoldView = z.object({
  id: z.string(),
  name: z.string(),
  matter: z.string(),
  scope: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("org") }),
    z.object({ kind: z.literal("people"), people: z.array(z.string()) }),
    z.object({ kind: z.literal("dates"), from: z.string().nullable(), until: z.string().nullable() }),
    z.object({ kind: z.literal("query"), query: z.string() }),
  ]),
  status: z.enum(["active", "released"]),
  createdAt: z.string(),
  createdBy: ZPerson,
  releasedAt: z.string().nullable(),
  releasedBy: ZPerson.nullable(),
  releaseReason: z.string().nullable(),
  coveredEntries: z.number().int().describe("Audit entries in PostgreSQL the hold's scope covers now."),
  holdingBack: z
    .object({
      purgeEntries: z.number().int().describe("Covered entries a purge at the end of retention may not delete."),
    })
    .nullable()
    .describe("What the hold keeps from being purged or erased while it is active; null once released."),
  erasuresHeldBack: z
    .array(z.object({ requestId: z.string(), subject: z.string() }))
    .default([])
    .describe(
      "Open erasure requests (data-subject requests) whose subject this hold covers: they cannot be completed.",
    ),
});
export type TLegalHoldView = z.infer<typeof ZLegalHoldView>;
