import type { Metadata } from "next";
import { EmailChangeConfirmationForm } from "@/components/auth/email-change-confirmation-form";
import { UnusableLink } from "@/components/ui/link-outcome";
import { INVALID_EMAIL_CHANGE_LINK, usableEmailChange } from "@/lib/auth/email-change";
import { confirmEmailChangeAction } from "./actions";

// The token is in this page's URL: no Referer header may carry it to another site.
export const metadata: Metadata = { title: "Confirm your new address", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

/** Opening the link changes nothing (mail scanners fetch every link): the button does. */
export default async function ConfirmEmailChangePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { token } = await searchParams;
  const change = typeof token === "string" ? await usableEmailChange(token) : null;
  if (!change || typeof token !== "string") {
    return <UnusableLink message={INVALID_EMAIL_CHANGE_LINK} href="/account/profile" linkLabel="Your profile" />;
  }
  return (
    <EmailChangeConfirmationForm token={token} newEmail={change.newEmail} confirmAction={confirmEmailChangeAction} />
  );
}
