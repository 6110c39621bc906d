import Link from "next/link";

/** Where someone confirms it's them (password and a fresh code), coming back to `path` afterwards. */
export const stepUpHref = (path: string) => `/account/step-up?next=${encodeURIComponent(path)}`;

/**
 * An action the server refused with step_up_required (it needs the password and a code from the last five
 * minutes): a way to confirm it's you instead of a dead end. `what` needs it; `afterwards` says where you return.
 */
export function StepUpNeeded({ what, href, afterwards }: { what: string; href: string; afterwards: string }) {
  return (
    <div
      role="alert"
      data-testid="step-up-needed"
      className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-inset ring-amber-300"
    >
      <p className="font-semibold">Confirm it&apos;s you first</p>
      <p>
        {what} needs your password and a code from the last five minutes.{" "}
        <Link href={href} className="font-medium underline">
          Confirm it&apos;s you
        </Link>
        ; {afterwards}.
      </p>
    </div>
  );
}
