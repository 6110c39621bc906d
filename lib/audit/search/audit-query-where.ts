import "server-only";
import { Prisma } from "@/lib/db/generated/client";
import { freeTextSql, WHOLE_PHRASE_INDEX, type FreeTextIndex } from "./free-text-index";
import { escapeLike } from "./like-pattern";
import type { AuditQuery, AuditQueryCondition } from "./parse-audit-query";
import { isApiKeyPrefix } from "./parse-audit-query";

const sql = Prisma.sql;

// The ip column is text. Only values that are plainly addresses are cast to inet, so one odd value
// cannot make every ip: search fail; each form below is one PostgreSQL's inet reads.
const OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
const IPV4 = `${OCTET}(\\.${OCTET}){3}`;
const H = "[0-9a-fA-F]{1,4}";
const IPV6 = [
  `(${H}:){7}${H}`,
  `(${H}:){1,7}:`,
  `(${H}:){1,6}:${H}`,
  `(${H}:){1,5}(:${H}){1,2}`,
  `(${H}:){1,4}(:${H}){1,3}`,
  `(${H}:){1,3}(:${H}){1,4}`,
  `(${H}:){1,2}(:${H}){1,5}`,
  `${H}:(:${H}){1,6}`,
  `:((:${H}){1,7}|:)`,
  `::([fF]{4}(:0{1,4})?:)?${IPV4}`,
  `(${H}:){1,4}:${IPV4}`,
].join("|");
export const CASTABLE_IP = `^(${IPV4}|${IPV6})$`;

function conditionSql(condition: AuditQueryCondition, freeText: FreeTextIndex): Prisma.Sql {
  switch (condition.field) {
    case "action":
      // lower(action): the prefix index (migration audit_search_indexes); actions are lower-case anyway.
      return condition.prefix
        ? sql`lower(action) LIKE ${`${escapeLike(condition.value)}%`}`
        : sql`action = ${condition.value}`;
    case "category":
      return sql`category = ${condition.value}`;
    case "actor":
      // A key's display is "<name> (vk_live_AbC1…)" (apiKeyDisplay); prefixes are case-sensitive. The
      // actor is part of the search text, so its trigram index finds the candidates.
      if (isApiKeyPrefix(condition.value)) {
        const displayed = `%${escapeLike(condition.value)}%`;
        const inText = freeTextSql(condition.value, freeText, { tested: false });
        return sql`(actor_type = 'api_key' AND actor_display LIKE ${displayed} AND ${inText})`;
      }
      return sql`(lower(actor_display) = lower(${condition.value}) OR actor_id = ${condition.value})`;
    case "target":
      return sql`(lower(target_display) = lower(${condition.value}) OR target_id = ${condition.value})`;
    case "outcome":
      return sql`outcome = ${condition.value}`;
    case "ip":
      return sql`CASE WHEN ip ~ ${CASTABLE_IP} THEN ip::inet <<= ${condition.network}::inet ELSE false END`;
    case "country":
      return sql`upper(geo->>'country') = ${condition.value}`;
    case "created":
      return sql`(${condition.since === null ? sql`TRUE` : sql`occurred_at >= ${condition.since}::timestamptz`}
        AND ${condition.until === null ? sql`TRUE` : sql`occurred_at < ${condition.until}::timestamptz`})`;
    case "text":
      return freeTextSql(condition.value, freeText);
  }
}

/**
 * A WHERE fragment over audit_entries matching every term of the search, parameterised throughout.
 * It does not filter by organization: callers put `org_id = …` next to it, in the same query.
 * `freeText` (freeTextIndex) says which parts of a phrase the trigram index looks up.
 */
export function auditQueryWhere(query: AuditQuery, freeText: FreeTextIndex): Prisma.Sql {
  if (query.terms.length === 0) return sql`TRUE`;
  // An empty column (no target, no geo) makes a comparison NULL; COALESCE keeps `-target:x` from
  // also dropping every entry without a target. A plain term stays bare: WHERE already drops NULL,
  // and the planner can only match a bare comparison to an index (COALESCE(action = …) reads every row).
  // No index finds what a phrase is not on, so a negated one is only tested, whole.
  const terms = query.terms.map((term) =>
    term.negated
      ? sql`NOT COALESCE((${conditionSql(term, WHOLE_PHRASE_INDEX)}), false)`
      : sql`(${conditionSql(term, freeText)})`,
  );
  return sql`(${Prisma.join(terms, " AND ")})`;
}
