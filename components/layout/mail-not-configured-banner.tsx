import Link from "next/link";

/**
 * For owners of an instance without SMTP_URL: invitations and password-reset links reach nobody until
 * someone hands them over, so the panel says so instead of letting "sent" be believed.
 */
export function MailNotConfiguredBanner({ orgSlug }: { orgSlug: string }) {
  return (
    <div role="region" aria-label="Mail is not configured" className="border-b border-amber-200 bg-amber-50">
      <p className="mx-auto max-w-6xl px-6 py-2 text-sm text-amber-900" data-testid="mail-not-configured">
        <strong>Mail is not configured</strong> (no <code>SMTP_URL</code>): invitations and password-reset links are not
        sent; they wait in the outbox, which <code>npx verity outbox</code> shows on the server. Hand invitations over
        with <q>Copy invitation link</q> on{" "}
        <Link href={`/${orgSlug}/members`} className="font-medium underline">
          Members
        </Link>
        .
      </p>
    </div>
  );
}
