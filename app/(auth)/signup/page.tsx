import type { Metadata } from "next";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { localOutboxEnabled, smtpConfigured } from "@/lib/mail";
import { signUpAction } from "./actions";

export const metadata: Metadata = { title: "Create your account" };
// Whether mail leaves this instance is read from its environment at request time.
export const dynamic = "force-dynamic";

export default function SignUpPage() {
  return <SignUpForm signUpAction={signUpAction} mail={{ sent: smtpConfigured(), outboxPage: localOutboxEnabled() }} />;
}
