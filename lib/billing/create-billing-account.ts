import "server-only";
import type { Tx } from "@/lib/db/client";
import { addMonth } from "./invoice-lines";
import { PLANS } from "./plans";

/** Called in the transaction that creates an organization: Free with its fixed seats, a first period starting now. */
export async function createBillingAccount(tx: Tx, orgId: string, now = new Date()): Promise<void> {
  await tx.billingAccount.create({
    data: { orgId, plan: "free", seats: PLANS.free.fixedSeats!, periodStart: now, periodEnd: addMonth(now) },
  });
  await tx.billingChange.create({ data: { orgId, at: now, plan: "free", seats: PLANS.free.fixedSeats! } });
}
