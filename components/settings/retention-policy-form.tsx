"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormError, FormField } from "@/components/ui/form-field";
import { StepUpNotice } from "@/components/ui/step-up-notice";
import { stepUpHref } from "@/components/ui/step-up-needed";
import { SaveBar } from "@/components/ui/use-save-form";
import type { ActionResult } from "@/lib/http/action-result";
import { fieldErrorsOf } from "@/lib/http/app-error";
import {
  DAYS_PER_YEAR,
  describeRetention,
  MAX_HOT_WINDOW_DAYS,
  MAX_RETENTION_YEARS,
  MIN_HOT_WINDOW_DAYS,
  ZUpdateRetentionPolicy,
  type TRetentionPolicy,
} from "@/lib/lifecycle/retention-policy-view";

type SaveAction = (
  orgSlug: string,
  input: unknown,
) => Promise<ActionResult<{ changed: boolean; policy: TRetentionPolicy }>>;

type Props = {
  orgSlug: string;
  policy: TRetentionPolicy;
  /** Owners change it (after a step-up); everyone else who sees the settings reads it. */
  canChange: boolean;
  steppedUp: boolean;
  saveAction: SaveAction;
};

/** "7 years (2557 days); the last 400 days in the database" */
function summary(policy: TRetentionPolicy) {
  const kept = policy.retentionDays === null ? "forever" : `${describeRetention(policy.retentionDays)}`;
  const days = policy.retentionDays === null || kept.endsWith("days") ? "" : ` (${policy.retentionDays} days)`;
  return `Kept ${kept}${days}; the last ${policy.hotWindowDays} days in the database, the rest in the archive.`;
}

/**
 * How long the organization's audit trail is kept and how long it stays in the database. What each means is said
 * next to the fields; saving asks for a confirmation that names the change (and warns when it shortens retention).
 */
export function RetentionPolicyForm({ orgSlug, policy, canChange, steppedUp, saveAction }: Props) {
  const router = useRouter();
  const [keepForever, setKeepForever] = useState(policy.retentionDays === null);
  const [pending, setPending] = useState<TRetentionPolicy | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const currentYears =
    policy.retentionDays === null ? 7 : Math.max(1, Math.round(policy.retentionDays / DAYS_PER_YEAR));

  function review(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setError(null);
    setSaved(null);
    const parsed = ZUpdateRetentionPolicy.safeParse({
      keepForever: form.get("keep") === "forever",
      retentionYears: String(form.get("retentionYears") ?? ""),
      hotWindowDays: String(form.get("hotWindowDays") ?? ""),
    });
    if (!parsed.success) {
      setFieldErrors(fieldErrorsOf(parsed.error));
      setError("Check the highlighted fields.");
      return;
    }
    setFieldErrors({});
    if (parsed.data.retentionDays === policy.retentionDays && parsed.data.hotWindowDays === policy.hotWindowDays) {
      setSaved("Nothing changed.");
      return;
    }
    setPending(parsed.data);
  }

  async function confirm(next: TRetentionPolicy): Promise<string | null> {
    const result = await saveAction(orgSlug, {
      keepForever: next.retentionDays === null,
      retentionYears: next.retentionDays === null ? "" : String(Math.round(next.retentionDays / DAYS_PER_YEAR)),
      hotWindowDays: String(next.hotWindowDays),
    });
    if (!result.ok) {
      // The step-up may have lapsed since the page loaded: re-read it so the link to renew it shows.
      if (result.code === "step_up_required") router.refresh();
      setFieldErrors(result.fieldErrors ?? {});
      return result.error;
    }
    setPending(null);
    setSaved(result.data.changed ? "Retention policy saved." : "Nothing changed.");
    router.refresh();
    return null;
  }

  const shorter =
    pending !== null &&
    pending.retentionDays !== null &&
    (policy.retentionDays === null || pending.retentionDays < policy.retentionDays);

  return (
    <section
      aria-labelledby="retention-heading"
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-6"
      data-testid="retention-policy"
    >
      <div className="space-y-2">
        <h2 id="retention-heading" className="text-lg font-semibold">
          Audit trail retention
        </h2>
        <p className="text-sm font-medium text-slate-800">{summary(policy)}</p>
        <ul className="list-disc space-y-1 pl-5 text-sm text-slate-600">
          <li>
            <strong>Retention</strong> is how long each audit entry is kept, counted from when it happened. At its end
            the entry is deleted from the archive for good, unless a legal hold covers it. It is never less than 1 year;
            regulated industries often need longer.
          </li>
          <li>
            <strong>Hot window</strong> is how long entries stay in the database, where every search reaches them at
            once. Older entries move to the archive: still part of the same verifiable chain, included in searches,
            exports and verification on request, only slower to read.
          </li>
        </ul>
      </div>
      {!canChange ? (
        <p className="text-sm text-slate-500">Only owners can change the retention policy.</p>
      ) : (
        <>
          {!steppedUp ? <StepUpNotice href={stepUpHref(`/${orgSlug}/settings`)} action="Changing retention" /> : null}
          <form method="post" onSubmit={review} className="space-y-4" noValidate aria-label="Retention policy">
            <FormError message={error} />
            <fieldset className="space-y-2">
              <legend className="text-sm font-medium text-slate-700">Keep audit entries</legend>
              <label className="flex items-center gap-2 text-sm text-slate-700">
                <input
                  type="radio"
                  name="keep"
                  value="years"
                  checked={!keepForever}
                  onChange={() => setKeepForever(false)}
                />
                For a number of years
              </label>
              <label className="flex items-center gap-2 text-sm text-slate-700">
                <input
                  type="radio"
                  name="keep"
                  value="forever"
                  checked={keepForever}
                  onChange={() => setKeepForever(true)}
                />
                Forever (never purged)
              </label>
            </fieldset>
            {!keepForever ? (
              <FormField
                name="retentionYears"
                label="Retention (years)"
                type="number"
                defaultValue={String(currentYears)}
                hint={`1 to ${MAX_RETENTION_YEARS} whole years. The standard is 7.`}
                errors={fieldErrors.retentionYears}
              />
            ) : null}
            <FormField
              name="hotWindowDays"
              label="Hot window (days)"
              type="number"
              defaultValue={String(policy.hotWindowDays)}
              hint={`${MIN_HOT_WINDOW_DAYS} to ${MAX_HOT_WINDOW_DAYS} days, and no longer than the retention. The standard is 400.`}
              errors={fieldErrors.hotWindowDays}
            />
            {/* The confirmation shows its own progress: nothing is saving until it is confirmed. */}
            <SaveBar pending={false} label="Save retention" saved={saved} />
          </form>
        </>
      )}
      {pending ? (
        <ConfirmDialog
          title="Change the audit trail's retention?"
          confirmLabel="Change retention"
          pendingLabel="Saving…"
          onConfirm={() => confirm(pending)}
          onClose={() => setPending(null)}
        >
          <p>
            Now: {summary(policy)}
            <br />
            New: {summary(pending)}
          </p>
          {shorter ? (
            <p className="mt-2 font-medium text-red-700">
              This shortens retention: archived entries older than {describeRetention(pending.retentionDays)} will be
              deleted for good at the next purge, unless a legal hold covers them.
            </p>
          ) : null}
          <p className="mt-2">The change is recorded in the audit trail with the policy before and after.</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
