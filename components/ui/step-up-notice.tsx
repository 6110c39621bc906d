import Link from "next/link";

/**
 * Said before an action that needs a recent step-up (password and code): which action, and the way to
 * confirm it's you and come back, instead of a refusal after the click.
 */
export function StepUpNotice({ href, action }: { href: string; action: string }) {
  return (
    <p
      className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
      data-testid="step-up-needed"
    >
      {action} needs a recent confirmation of your password and code.{" "}
      <Link href={href} className="font-medium underline">
        Confirm it&apos;s you
      </Link>{" "}
      first; you will come back here.
    </p>
  );
}
