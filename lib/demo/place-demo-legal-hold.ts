import "server-only";
import { getDb } from "@/lib/db/client";
import { createLegalHold } from "@/lib/lifecycle/legal-hold-create";
import type { RoleName } from "@/lib/rbac/permissions";
import { demoContext } from "./demo-context";

/** What the demo's hold keeps: the payment transfers a (fictional) dispute is about. */
export const DEMO_LEGAL_HOLD = {
  name: "Northwind payments dispute",
  matter: "Case 24-118: keep every wallet transfer until outside counsel closes the matter.",
  scope: { kind: "query" as const, query: "action:custom.wallet.*" },
};

/**
 * The owner places one legal hold, after the demo's history and so dated now, through the same service the
 * Legal holds screen uses: the hold is recorded as legal_hold.created at its place in the chain.
 */
export async function placeDemoLegalHold(
  orgId: string,
  owner: { id: string; email: string; name: string; role: RoleName },
) {
  const hold = await getDb().$transaction((tx) => createLegalHold(tx, demoContext(orgId, owner), DEMO_LEGAL_HOLD));
  return { name: hold.name, matter: hold.matter, coveredEntries: hold.coveredEntries };
}
