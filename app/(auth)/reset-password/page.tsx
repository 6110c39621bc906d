import type { Metadata } from "next";
import { InvalidResetLink, PasswordResetForm } from "@/components/account/password-reset-form";
import { isUsableResetToken } from "@/lib/auth/password-reset";
import { completePasswordResetAction } from "./actions";

// The token is in this page's URL: no Referer header may carry it to another site.
export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { token } = await searchParams;
  if (typeof token !== "string" || !(await isUsableResetToken(token))) return <InvalidResetLink />;
  return <PasswordResetForm token={token} completePasswordResetAction={completePasswordResetAction} />;
}
