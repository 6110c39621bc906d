"use client";

import { useId, useState, useTransition } from "react";
import { buttonStyles } from "@/components/ui/dialog";
import { FieldErrors, inputStyles } from "@/components/ui/field-errors";
import { FormError } from "@/components/ui/form-field";
import type { TGateDecisionView } from "@/lib/messaging/messages/message-schemas";
import type { MessagingAction } from "./action-form";
import { CHECK_LABELS, DECISION_LABELS, reasonLabel, utcTime } from "./reason-labels";

type Props = {
  orgSlug: string;
  campaigns: { id: string; name: string }[];
  checkAction: MessagingAction<TGateDecisionView> | null;
};

const DECISION_TONE = {
  allow: "bg-emerald-50 text-emerald-800",
  block: "bg-red-50 text-red-800",
  reschedule: "bg-amber-50 text-amber-900",
} as const;

const factText = (value: unknown) => (Array.isArray(value) ? value.join(", ") : String(value));

/** Runs the gate on a number without sending anything, and shows each check's result, reason and facts. */
export function TryNumberForm({ orgSlug, campaigns, checkAction }: Props) {
  const id = useId();
  const [decision, setDecision] = useState<TGateDecisionView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string[]>>({});
  const [pending, startTransition] = useTransition();
  if (!checkAction) {
    return <p className="text-sm text-slate-600">Trying a number runs the gate, which needs messaging.send.</p>;
  }
  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const campaignId = String(form.get("campaignId") ?? "");
    startTransition(async () => {
      setError(null);
      setFields({});
      const result = await checkAction(orgSlug, {
        to: String(form.get("to") ?? ""),
        ...(campaignId ? { campaignId } : {}),
      });
      if (result.ok) return setDecision(result.data);
      setDecision(null);
      setError(result.error);
      setFields(result.fieldErrors ?? {});
    });
  };
  return (
    <div className="space-y-4">
      <form
        method="post"
        onSubmit={submit}
        noValidate
        aria-label="Try a number"
        className="flex flex-wrap items-end gap-3"
      >
        <div className="space-y-1 text-sm">
          <label htmlFor={`${id}-to`} className="block font-medium text-slate-700">
            Phone number
          </label>
          <input
            id={`${id}-to`}
            name="to"
            placeholder="+1 305 555 0100"
            className={`${inputStyles} w-64`}
            aria-invalid={fields.to ? true : undefined}
            aria-describedby={fields.to ? `${id}-to-error` : undefined}
          />
          <FieldErrors id={`${id}-to-error`} errors={fields.to} />
        </div>
        <div className="space-y-1 text-sm">
          <label htmlFor={`${id}-campaign`} className="block font-medium text-slate-700">
            Campaign
          </label>
          <select id={`${id}-campaign`} name="campaignId" className={`${inputStyles} w-56`}>
            <option value="">None</option>
            {campaigns.map((campaign) => (
              <option key={campaign.id} value={campaign.id}>
                {campaign.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className={buttonStyles.primary} disabled={pending}>
          {pending ? "Checking…" : "Check"}
        </button>
      </form>
      <FormError message={error} />
      {decision ? (
        <section aria-label="The gate's decision" data-testid="gate-decision" data-decision={decision.decision}>
          <p className={`rounded-md px-3 py-2 text-sm font-medium ${DECISION_TONE[decision.decision]}`} role="status">
            {DECISION_LABELS[decision.decision]}: {reasonLabel(decision.reason)} (
            <span className="font-mono">{decision.reason}</span>)
            {decision.sendAfter ? ` — not before ${utcTime(decision.sendAfter)}` : ""}. Nothing was sent; the decision
            is on the record.
          </p>
          <ol className="mt-3 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm">
            {decision.checks.map((check, index) => (
              <li
                key={check.name}
                className="flex flex-wrap gap-x-4 gap-y-1 px-3 py-2"
                data-testid={`check-${check.name}`}
              >
                <span className="w-6 text-slate-500">{index + 1}.</span>
                <span className="w-72 font-medium text-slate-800">{CHECK_LABELS[check.name] ?? check.name}</span>
                <span
                  className={
                    check.code === "not_run" ? "text-slate-500" : check.ok ? "text-emerald-700" : "text-red-700"
                  }
                >
                  {check.code === "not_run" ? "Not run" : check.ok ? "Passed" : "Failed"}:{" "}
                  <span className="font-mono">{check.code}</span>
                </span>
                {Object.keys(check.facts).length ? (
                  <span className="basis-full pl-10 text-xs text-slate-500">
                    {Object.entries(check.facts)
                      .map(([name, value]) => `${name}: ${factText(value)}`)
                      .join(" · ")}
                  </span>
                ) : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </div>
  );
}
