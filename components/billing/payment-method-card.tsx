"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { buttonStyles, Dialog, DialogActions } from "@/components/ui/dialog";
import type { ActionFailure } from "@/lib/http/action-result";
import { BillingActionError } from "./action-error";
import { BillingCard } from "./card";
import type { BillingAction } from "./format";
import type { BillingSummary } from "./types";

type Props = {
  orgSlug: string;
  paymentMethod: BillingSummary["paymentMethod"];
  /** The local provider's test tokens; empty when a real provider (Stripe) is configured. */
  testTokens: readonly string[];
  addAction: BillingAction;
  removeAction: BillingAction;
};

const inputStyles =
  "block w-full max-w-sm rounded-md border border-slate-300 px-3 py-2 font-mono text-sm shadow-sm " +
  "focus:border-brand-600 focus:outline-none aria-invalid:border-red-500";
// Digits with spaces or dashes: what a card number looks like. Such a value is wiped once the server has refused it.
const DIGITS_ONLY = /^[\d\s-]+$/;

export const cardLabel = (method: NonNullable<BillingSummary["paymentMethod"]>) =>
  `${method.brand} •••• ${method.last4}`;

/**
 * The payment method on file: only what may be shown (brand, last 4, expiry). A new one is added as a
 * provider token, never a card number; the input has no name, so nothing typed can reach a URL.
 */
export function PaymentMethodCard({ orgSlug, paymentMethod, testTokens, addAction, removeAction }: Props) {
  const id = useId();
  const router = useRouter();
  const [token, setToken] = useState("");
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const [tokenErrors, setTokenErrors] = useState<string[]>([]);
  const [confirming, setConfirming] = useState(false);
  const [removeFailure, setRemoveFailure] = useState<ActionFailure | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function add(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailure(null);
    setTokenErrors([]);
    setMessage(null);
    startTransition(async () => {
      const result = await addAction(orgSlug, { token });
      if (!result.ok) {
        setTokenErrors(result.fieldErrors?.token ?? []);
        setFailure(result.fieldErrors?.token ? null : result);
        if (DIGITS_ONLY.test(token)) setToken("");
        return;
      }
      setToken("");
      setMessage("Payment method saved.");
      router.refresh();
    });
  }

  const remove = () =>
    startTransition(async () => {
      setRemoveFailure(null);
      const result = await removeAction(orgSlug, {});
      if (!result.ok) return setRemoveFailure(result);
      setConfirming(false);
      setMessage("Payment method removed.");
      router.refresh();
    });

  return (
    <BillingCard title="Payment method" id="payment-method">
      <div className="space-y-5">
        {paymentMethod ? (
          <div className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-slate-200 px-4 py-3">
            <div>
              <p className="font-medium capitalize" data-testid="payment-method">
                {cardLabel(paymentMethod)}
              </p>
              <p className="text-sm text-slate-500">
                Expires {String(paymentMethod.expMonth).padStart(2, "0")}/{paymentMethod.expYear}
              </p>
            </div>
            <button
              type="button"
              onClick={() => {
                setRemoveFailure(null);
                setConfirming(true);
              }}
              className={buttonStyles.secondary}
            >
              Remove
            </button>
          </div>
        ) : (
          <p className="text-sm text-slate-600">No payment method on file. The Free plan needs none; paid plans do.</p>
        )}
        <p role="status" className="text-sm text-emerald-800">
          {message}
        </p>

        <form
          onSubmit={add}
          method="post"
          noValidate
          aria-label={paymentMethod ? "Replace the payment method" : "Add a payment method"}
          className="space-y-2"
        >
          <BillingActionError orgSlug={orgSlug} failure={failure} />
          <label htmlFor={`${id}-token`} className="block text-sm font-medium text-slate-700">
            {paymentMethod ? "Replace with the payment-method token" : "Payment-method token"}
          </label>
          <div className="flex flex-wrap gap-2">
            <input
              id={`${id}-token`}
              value={token}
              onChange={(event) => setToken(event.target.value)}
              autoComplete="off"
              spellCheck={false}
              placeholder="pm_…"
              maxLength={255}
              aria-invalid={tokenErrors.length ? true : undefined}
              aria-describedby={[`${id}-token-hint`, tokenErrors.length ? `${id}-token-error` : null]
                .filter(Boolean)
                .join(" ")}
              className={inputStyles}
            />
            <button type="submit" disabled={pending || !token.trim()} className={buttonStyles.primary}>
              {pending ? "Saving…" : paymentMethod ? "Replace payment method" : "Add payment method"}
            </button>
          </div>
          {tokenErrors.length ? (
            <div id={`${id}-token-error`} role="alert" className="space-y-0.5 text-xs text-red-600">
              {tokenErrors.map((message) => (
                <p key={message}>{message}</p>
              ))}
            </div>
          ) : null}
          <div id={`${id}-token-hint`} className="space-y-1 text-xs text-slate-500">
            <p>
              Verity never takes card numbers: the payment provider turns a card into a token (pm_…), and only the token
              comes here.
            </p>
            {testTokens.length ? (
              <p>
                Test mode: no real card is charged. Use one of the test tokens{" "}
                {testTokens.map((testToken, index) => (
                  <span key={testToken}>
                    <code className="font-mono text-slate-700">{testToken}</code>
                    {index < testTokens.length - 1 ? ", " : ""}
                  </span>
                ))}
                . <code className="font-mono">pm_card_chargeDeclined</code> is accepted but its charges are declined.
              </p>
            ) : null}
          </div>
        </form>
      </div>

      {confirming && paymentMethod ? (
        <Dialog title="Remove the payment method?" onClose={() => setConfirming(false)}>
          <div className="space-y-4">
            <p className="text-sm text-slate-700">
              Remove <span className="font-medium capitalize">{cardLabel(paymentMethod)}</span>? Invoices issued without
              a payment method on file are not paid. A paid plan keeps needing one until it is cancelled.
            </p>
            <BillingActionError orgSlug={orgSlug} failure={removeFailure} />
            <DialogActions
              onCancel={() => setConfirming(false)}
              cancelLabel="Keep it"
              focusCancel
              label="Remove payment method"
              pendingLabel="Removing…"
              pending={pending}
              tone="danger"
              onConfirm={remove}
            />
          </div>
        </Dialog>
      ) : null}
    </BillingCard>
  );
}
