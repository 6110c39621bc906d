import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { SignOutButton } from "@/components/layout/sign-out-button";
import { SupportRequestForm } from "@/components/staff/support-request-form";
import { SupportSessionList } from "@/components/staff/support-session-list";
import { getDb } from "@/lib/db/client";
import { requirePrincipal } from "@/lib/guard/org-page";
import { isPlatformStaff } from "@/lib/staff/grant-staff";
import { listStaffSupportSessions } from "@/lib/staff/list-support-sessions";
import {
  endSupportSessionAction,
  renewSupportSessionAction,
  requestSupportSessionAction,
  startSupportSessionAction,
} from "./actions";

export const metadata: Metadata = { title: "Support sessions" };
export const dynamic = "force-dynamic";

/** Platform staff's screen: ask to open an organization in support mode, then start, renew or end it. */
export default async function StaffPage() {
  const principal = await requirePrincipal();
  // Anyone else gets the page a mistyped address gets: the screen's existence is nobody else's business.
  if (!(await isPlatformStaff(getDb(), principal.userId))) notFound();
  const sessions = await listStaffSupportSessions(getDb(), principal.userId);
  const actions = { start: startSupportSessionAction, renew: renewSupportSessionAction, end: endSupportSessionAction };
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-6 py-3">
          <div className="flex items-center gap-3">
            <Link href="/" className="font-semibold">
              Verity
            </Link>
            <span className="text-slate-300">/</span>
            <span className="text-sm font-medium">Platform staff</span>
          </div>
          <div className="flex items-center gap-3 text-sm">
            <span className="text-slate-600">{principal.email}</span>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-6xl space-y-8 px-6 py-8">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Support sessions</h1>
          <p className="text-sm text-slate-500">
            Read-only access to a customer&apos;s organization for one hour at a time. The customer reads your
            justification, and every page you open, in their own audit trail.
          </p>
        </div>
        <SupportRequestForm requestAction={requestSupportSessionAction} />
        <SupportSessionList sessions={sessions} actions={actions} now={new Date().toISOString()} />
      </main>
    </div>
  );
}
