import type { Metadata } from "next";
import { EmailConfirmationForm, InvalidConfirmationLink } from "@/components/auth/email-confirmation-form";
import { isUsableVerificationToken } from "@/lib/auth/email-verification";
import { verifyEmailAction } from "./actions";

// The token is in this page's URL: no Referer header may carry it to another site.
export const metadata: Metadata = { title: "Confirm your email address", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

/**
 * Opening the link changes nothing: the button does. Mail scanners that fetch every link would
 * otherwise use it up (or confirm an address nobody read).
 */
export default async function VerifyEmailPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { token } = await searchParams;
  if (typeof token !== "string" || !(await isUsableVerificationToken(token))) return <InvalidConfirmationLink />;
  return <EmailConfirmationForm token={token} verifyEmailAction={verifyEmailAction} />;
}
