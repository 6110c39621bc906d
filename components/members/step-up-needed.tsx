import Link from "next/link";

/** Where an owner confirms it's them before changing the Owner role, and comes back to Members. */
export const membersStepUpHref = (orgSlug: string) =>
  `/account/step-up?next=${encodeURIComponent(`/${orgSlug}/members`)}`;

/**
 * Granting, removing or inviting an Owner needs the password and a code from the last five minutes
 * (the server answers step_up_required without them): a way to confirm it's you instead of a dead end.
 */
export function StepUpNeeded({ orgSlug, what }: { orgSlug: string; what: string }) {
  return (
    <div
      role="alert"
      data-testid="step-up-needed"
      className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-inset ring-amber-300"
    >
      <p className="font-semibold">Confirm it&apos;s you first</p>
      <p>
        {what} needs your password and a code from the last five minutes.{" "}
        <Link href={membersStepUpHref(orgSlug)} className="font-medium underline">
          Confirm it&apos;s you
        </Link>
        ; you will come back to Members to finish.
      </p>
    </div>
  );
}
