import type { Metadata } from "next";
import { PasswordForgotForm } from "@/components/account/password-forgot-form";
import { requestPasswordResetAction } from "./actions";

export const metadata: Metadata = { title: "Reset your password" };

export default function ForgotPasswordPage() {
  return <PasswordForgotForm requestPasswordResetAction={requestPasswordResetAction} />;
}
