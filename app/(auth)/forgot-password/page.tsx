import type { Metadata } from "next";
import { PasswordForgotForm } from "@/components/account/password-forgot-form";
import { smtpConfigured } from "@/lib/mail";
import { requestPasswordResetAction } from "./actions";

export const metadata: Metadata = { title: "Reset your password" };
// Whether mail leaves this instance is read from its environment at request time.
export const dynamic = "force-dynamic";

export default function ForgotPasswordPage() {
  return <PasswordForgotForm requestPasswordResetAction={requestPasswordResetAction} mailSent={smtpConfigured()} />;
}
