"use client";

import { useState, useTransition } from "react";
import { buttonStyles } from "@/components/ui/dialog";
import type { ActionFailure, ActionResult } from "@/lib/http/action-result";
import { BillingActionError } from "./action-error";

type Props = {
  orgSlug: string;
  hasCustomer: boolean;
  redirectAction: (orgSlug: string, input: { to: "setup" | "portal" }) => Promise<ActionResult<{ url: string }>>;
};

/** With Stripe configured, cards are entered on Stripe's own pages: Verity only sends the owner there. */
export function StripeButtons({ orgSlug, hasCustomer, redirectAction }: Props) {
  const [pending, startTransition] = useTransition();
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const go = (to: "setup" | "portal") =>
    startTransition(async () => {
      setFailure(null);
      const result = await redirectAction(orgSlug, { to });
      if (result.ok) window.location.assign(result.data.url);
      else setFailure(result);
    });
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        <button type="button" disabled={pending} onClick={() => go("setup")} className={buttonStyles.primary}>
          Add or replace a card with Stripe
        </button>
        {hasCustomer ? (
          <button type="button" disabled={pending} onClick={() => go("portal")} className={buttonStyles.secondary}>
            Open the Stripe customer portal
          </button>
        ) : null}
      </div>
      <BillingActionError orgSlug={orgSlug} failure={failure} />
    </div>
  );
}
