import "server-only";
import type { Db } from "@/lib/db/client";
import { stripeSetupSession } from "./providers";

/**
 * Stripe only: the URL of a Stripe Checkout page (setup mode) where the owner saves a card, never
 * typing it into Verity. Called after the caller's authorization, outside any transaction: the
 * provider may be slow, and the embedded database serves one transaction at a time.
 */
export async function stripeCardSetupUrl(db: Db, orgId: string, returnUrl: string): Promise<string> {
  const account = await db.billingAccount.findUniqueOrThrow({ where: { orgId } });
  const { url, customerId } = await stripeSetupSession({ orgId, customerId: account.providerCustomerId, returnUrl });
  if (!account.providerCustomerId)
    await db.billingAccount.updateMany({
      where: { orgId, providerCustomerId: null },
      data: { provider: "stripe", providerCustomerId: customerId },
    });
  return url;
}
