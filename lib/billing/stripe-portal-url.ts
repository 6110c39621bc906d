import "server-only";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { stripePortalSession } from "./providers";

/** Stripe only: the customer portal, once the organization is a Stripe customer. */
export async function stripePortalUrl(db: Db, orgId: string, returnUrl: string): Promise<string> {
  const account = await db.billingAccount.findUniqueOrThrow({ where: { orgId } });
  if (!account.providerCustomerId)
    throw new AppError(
      "conflict",
      "Add a card first: the Stripe customer portal opens once the organization is a Stripe customer.",
    );
  return (await stripePortalSession({ customerId: account.providerCustomerId, returnUrl })).url;
}
