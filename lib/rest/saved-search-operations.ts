import { z } from "zod";
import { MAX_SAVED_SEARCHES_PER_USER, ZSaveAuditSearch } from "@/lib/audit/saved-search-view";
import type { ApiOperation } from "@/lib/guard/api-operation";

const TAG = "Audit trail";
const ZSearchIdParams = z.object({ searchId: z.uuid("Not a saved search id.") }).strict();

export const ZSavedSearch = z.object({
  id: z.string(),
  name: z.string(),
  query: z.string().describe("A search in the audit query language, as GET /audit-events?q= takes it."),
  shared: z.boolean().describe("Visible to everyone in the organization who reads the trail."),
  mine: z.boolean().describe("Saved by the key's holder (who may delete it)."),
});

/** The REST body: JSON booleans only (the panel's form also sends a checkbox's "on"). */
const ZSaveAuditSearchBody = z
  .object({
    name: ZSaveAuditSearch.shape.name,
    query: ZSaveAuditSearch.shape.query,
    shared: z.boolean().default(false),
  })
  .strict();

/**
 * The audit screen's saved searches (issue 22), for the key's holder: the same rules as the panel (their own, or
 * shared with the organization; at most MAX_SAVED_SEARCHES_PER_USER each; sharing one and deleting a shared one are
 * audit entries). Reading the trail is the one permission, as on the screen.
 */
export const SAVED_SEARCH_OPERATIONS = {
  listAuditSearches: {
    operationId: "listAuditSearches",
    method: "GET",
    path: "/audit-searches",
    tag: TAG,
    summary: "The saved audit searches the key's holder sees: their own, and those shared with the organization",
    permission: "audit.read",
    response: z.object({ data: z.array(ZSavedSearch) }),
    status: 200,
  },
  createAuditSearch: {
    operationId: "createAuditSearch",
    method: "POST",
    path: "/audit-searches",
    tag: TAG,
    summary: "Save an audit search for the key's holder, or shared with the organization",
    description:
      `The query must parse (400 naming its position otherwise). At most ${MAX_SAVED_SEARCHES_PER_USER} per person, ` +
      "shared ones included (409 past that). A shared search is recorded in the trail as audit.search_shared.",
    permission: "audit.read",
    body: ZSaveAuditSearchBody,
    response: ZSavedSearch,
    status: 201,
  },
  deleteAuditSearch: {
    operationId: "deleteAuditSearch",
    method: "DELETE",
    path: "/audit-searches/{searchId}",
    tag: TAG,
    summary: "Delete a saved audit search",
    description:
      "The holder's own, or a shared one: by whoever shared it, or with org.update (owners, admins; 403 otherwise). " +
      "Another person's own search, or another organization's, is a 404. Deleting a shared search is recorded as " +
      "audit.shared_search_deleted.",
    permission: "audit.read",
    params: ZSearchIdParams,
    response: z.object({ deleted: z.literal(true), id: z.string() }),
    status: 200,
  },
} as const satisfies Record<string, ApiOperation>;
