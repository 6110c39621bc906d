import { z } from "zod";
import { MAX_QUERY_LENGTH } from "./search/tokenize-audit-query";

/** At most this many searches one person keeps, shared ones included: the list is a menu, not an archive. */
export const MAX_SAVED_SEARCHES_PER_USER = 50;

/** A saved audit search as the screen shows it; `mine`: the viewer saved it (and may delete it). */
export type TSavedSearchView = { id: string; name: string; query: string; shared: boolean; mine: boolean };

export const ZSaveAuditSearch = z.object({
  name: z.string().trim().min(1, "Give the search a name.").max(80, "At most 80 characters."),
  query: z.string().trim().min(1, "Search for something before saving it.").max(MAX_QUERY_LENGTH),
  /** "on" from a checkbox, or a boolean. */
  shared: z
    .union([z.boolean(), z.literal("on"), z.literal("")])
    .optional()
    .transform((value) => value === true || value === "on"),
});
export type TSaveAuditSearch = z.input<typeof ZSaveAuditSearch>;

export const ZDeleteAuditSearch = z.object({ id: z.uuid() });
