import { z } from "zod";
import { ZPageQuery } from "../page-cursor";
import { ZPhoneNumber } from "../phone-field";
import { ZTimeZone, ZUsState } from "../us-states";

const ZZip = z
  .string()
  .trim()
  .regex(/^\d{5}(-\d{4})?$/, "Not a US ZIP code (12345 or 12345-6789).");

/** A consent as it was given: where (source, form), what the person saw, when, from which address. */
export const ZConsentInput = z
  .object({
    channel: z.literal("sms").default("sms"),
    source: z.string().trim().min(1, "Say where the consent was given.").max(200),
    textShown: z.string().trim().min(1, "Give the text the person agreed to.").max(4000),
    grantedAt: z.coerce.date().optional().describe("When it was given (default: now); not in the future."),
    ip: z.union([z.ipv4(), z.ipv6()]).optional(),
    formId: z.string().trim().max(200).optional(),
  })
  .strict();
export type TConsentInput = z.input<typeof ZConsentInput>;

export const ZCreateContact = z
  .object({
    phone: ZPhoneNumber,
    name: z.string().trim().max(200).default(""),
    state: ZUsState.nullish(),
    zip: ZZip.nullish(),
    timeZone: ZTimeZone.nullish().describe("An IANA zone; leave it out to derive it from the ZIP, state or area code."),
    consent: ZConsentInput.optional().describe("An SMS consent to record with the contact."),
  })
  .strict();
export type TCreateContact = z.input<typeof ZCreateContact>;

export const ZUpdateContact = z
  .object({
    name: z.string().trim().max(200).optional(),
    state: ZUsState.nullable().optional(),
    zip: ZZip.nullable().optional(),
    timeZone: ZTimeZone.nullable().optional(),
    optedOut: z
      .boolean()
      .optional()
      .describe("true opts the number out (its pending messages are cancelled); false opts it back in."),
  })
  .strict();
export type TUpdateContact = z.input<typeof ZUpdateContact>;

export const ZListContactsQuery = z
  .object({
    q: z.string().trim().max(100).default("").describe("Part of the number or the name."),
    state: ZUsState.optional(),
    optedOut: z.enum(["true", "false"]).optional(),
    ...ZPageQuery,
  })
  .strict();

export const ZConsentView = z.object({
  id: z.string(),
  contactId: z.string(),
  channel: z.string(),
  source: z.string(),
  textShown: z.string(),
  grantedAt: z.string(),
  ip: z.string().nullable(),
  formId: z.string().nullable(),
  recordedAt: z.string(),
  revokedAt: z.string().nullable(),
  revokedBy: z.string().nullable(),
});
export type TConsentView = z.infer<typeof ZConsentView>;

export const ZContactView = z.object({
  id: z.string(),
  phone: z.string(),
  name: z.string(),
  state: z.string().nullable(),
  zip: z.string().nullable(),
  timeZone: z.string().nullable(),
  optedOut: z.boolean(),
  optedOutAt: z.string().nullable(),
  optOutChannel: z.string().nullable(),
  smsConsent: z
    .object({ id: z.string(), grantedAt: z.string(), source: z.string() })
    .nullable()
    .describe("The current (latest unrevoked) SMS consent, or null."),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TContactView = z.infer<typeof ZContactView>;
