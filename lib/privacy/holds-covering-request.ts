import "server-only";
import { freeTextIndex } from "@/lib/audit/search/free-text-index";
import type { Db, Tx } from "@/lib/db/client";
import { holdCoverageSql } from "@/lib/lifecycle/legal-hold-coverage";
import { scopeOf } from "@/lib/lifecycle/legal-hold-view";
import { holdsCoveringSubject, type CoveringHold } from "@/lib/lifecycle/legal-holds-covering";
import type { Subject } from "./find-subject";

/**
 * The active holds that cover a request's subject. With an account, the lifecycle's own test. Without one
 * (someone only invited, or only named in entries), the same rules on their address: a whole-org hold, a
 * people hold naming it, a date range or search covering an entry that names it as actor or target.
 */
export async function holdsCoveringRequestSubject(
  db: Db | Tx,
  orgId: string,
  subject: Subject,
): Promise<CoveringHold[]> {
  if (subject.user) return holdsCoveringSubject(db, orgId, subject.user.id);
  const email = (subject.email ?? subject.named).toLowerCase();
  const holds = await db.legalHold.findMany({ where: { orgId, releasedAt: null }, orderBy: { createdAt: "asc" } });
  const freeText = await freeTextIndex(db);
  const found: CoveringHold[] = [];
  for (const row of holds) {
    const scope = scopeOf(row);
    const hold = { id: row.id, name: row.name, matter: row.matter, scope };
    if (scope.kind === "org") found.push(hold);
    else if (scope.kind === "people") {
      if (scope.people.some((person) => person.toLowerCase() === email)) found.push(hold);
    } else {
      const [{ covered }] = await db.$queryRaw<{ covered: boolean }[]>`
        SELECT EXISTS (
          SELECT 1 FROM audit_entries
           WHERE org_id = ${orgId}::uuid AND (lower(actor_display) = ${email} OR lower(target_display) = ${email})
             AND ${holdCoverageSql(scope, freeText)}) AS covered`;
      if (covered) found.push(hold);
    }
  }
  return found;
}
