import "server-only";
import { z } from "zod";
import { Prisma } from "@/lib/db/generated/client";
import { AUDIT_CATEGORIES } from "../event-catalog";
import { escapeLike } from "./like-pattern";

const sql = Prisma.sql;

/**
 * The structured filters of a search, beside its query text `q` (GET /api/v1/audit-events takes them
 * as query parameters): each given one narrows the search, ANDed with the others and with q.
 */
export const ZAuditFilters = z.object({
  action: z
    .string()
    .max(100)
    .regex(/^[a-z0-9_.]+\*?$/, "An action such as member.invited, or a prefix such as member.*")
    .optional(),
  category: z.enum(AUDIT_CATEGORIES).optional(),
  outcome: z.enum(["success", "failure", "denied"]).optional(),
  actor: z.string().max(200).optional().describe("An actor id, or an email or key prefix (exact)."),
  since: z.iso.datetime({ offset: true }).optional().describe("Entries at or after this time (ISO 8601)."),
  until: z.iso.datetime({ offset: true }).optional().describe("Entries before this time (ISO 8601)."),
});
export type TAuditFilters = z.infer<typeof ZAuditFilters>;

/**
 * The given filters as SQL conditions over audit_entries, as the API has always read them: an action
 * ending in * is a prefix; an actor is an id, a display name, or the start of one (an email, a key's
 * "name (vk_live_…)"). Like auditQueryWhere, without the organization.
 */
export function auditFiltersWhere({ action, category, outcome, actor, since, until }: TAuditFilters): Prisma.Sql[] {
  const startsWith = (text: string) => `${escapeLike(text)}%`;
  return [
    ...(action
      ? [action.endsWith("*") ? sql`lower(action) LIKE ${startsWith(action.slice(0, -1))}` : sql`action = ${action}`]
      : []),
    ...(category ? [sql`category = ${category}`] : []),
    ...(outcome ? [sql`outcome = ${outcome}`] : []),
    ...(actor
      ? [sql`(actor_id = ${actor} OR actor_display = ${actor} OR actor_display LIKE ${startsWith(actor)})`]
      : []),
    ...(since ? [sql`occurred_at >= ${since}::timestamptz`] : []),
    ...(until ? [sql`occurred_at < ${until}::timestamptz`] : []),
  ];
}
