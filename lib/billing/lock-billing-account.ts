import "server-only";
import type { Tx } from "@/lib/db/client";

/**
 * The account, locked for the rest of the transaction: plan, seat and payment-method changes of one org happen one at a
 * time, and never during a period's close (closePeriod's FOR UPDATE). `FOR NO KEY UPDATE`, not `FOR UPDATE`: none of
 * them moves the period, so metering (meteredPeriodStart's FOR KEY SHARE) goes on meanwhile. It must: the REST ingest
 * meters while it holds chain heads (lib/rest/ingest-appender.ts), and a card being added (a provider call) would
 * otherwise hold up the ingest of every organization in its group.
 */
export async function lockBillingAccount(tx: Tx, orgId: string) {
  await tx.$queryRaw`SELECT org_id FROM billing_accounts WHERE org_id = ${orgId}::uuid FOR NO KEY UPDATE`;
  return tx.billingAccount.findUniqueOrThrow({ where: { orgId } });
}
