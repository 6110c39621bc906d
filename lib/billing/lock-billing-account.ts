import "server-only";
import type { Tx } from "@/lib/db/client";

/** The account, locked for the rest of the transaction: plan, seat and period changes of one org happen one at a time. */
export async function lockBillingAccount(tx: Tx, orgId: string) {
  await tx.$queryRaw`SELECT org_id FROM billing_accounts WHERE org_id = ${orgId}::uuid FOR UPDATE`;
  return tx.billingAccount.findUniqueOrThrow({ where: { orgId } });
}
