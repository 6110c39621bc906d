"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import type { Permission } from "@/lib/rbac/permissions";
import { OrgNav } from "./org-nav";
import { SignOutButton } from "./sign-out-button";

/** Open/closed state for a header pop-up: closes on navigation, on Escape (focus back on its button) and outside clicks. */
function usePopup() {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const pathname = usePathname();
  useEffect(() => setOpen(false), [pathname]);
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    const onClick = (event: MouseEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mousedown", onClick);
    };
  }, [open]);
  return { open, toggle: () => setOpen((was) => !was), root, button };
}

const item = "block rounded-md px-3 py-2 text-sm text-slate-700 hover:bg-slate-100 hover:text-slate-900";

/** "Your account": who is signed in, and the pages about them (profile, password, 2FA, sessions). */
export function AccountMenu({
  name,
  email,
  roleLabel,
  orgSlug,
}: {
  name: string;
  email: string;
  roleLabel: string;
  orgSlug: string;
}) {
  const { open, toggle, root, button } = usePopup();
  return (
    <div ref={root} className="relative">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls="account-menu"
        onClick={toggle}
        className="flex max-w-48 items-center gap-1 rounded-md px-2 py-1.5 text-sm text-slate-700 hover:bg-slate-100"
      >
        <span className="sr-only">Your account: </span>
        <span className="truncate">{name}</span>
        <span className="hidden text-slate-700 md:inline">· {roleLabel}</span>
        <span aria-hidden>▾</span>
      </button>
      {open ? (
        <div
          id="account-menu"
          className="absolute right-0 z-30 mt-1 w-64 rounded-lg border border-slate-200 bg-white p-1 shadow-lg"
        >
          <p className="border-b border-slate-100 px-3 py-2 text-sm">
            <span className="block truncate font-medium">{name}</span>
            <span className="block truncate text-slate-600">{email}</span>
            <span className="block text-slate-600">{roleLabel}</span>
          </p>
          <nav aria-label="Your account" className="py-1">
            <Link href="/account/profile" className={item}>
              Profile
            </Link>
            <Link href="/account/password" className={item}>
              Password
            </Link>
            <Link href="/account/two-factor" className={item}>
              Two-factor authentication
            </Link>
            <Link href={`/${orgSlug}/security/sessions`} className={item}>
              Your sessions
            </Link>
          </nav>
        </div>
      ) : null}
    </div>
  );
}

/** Below 640 px the organization's sections and Sign out fold into one "Menu" button. */
export function MobileMenu({ orgSlug, permissions }: { orgSlug: string; permissions: readonly Permission[] }) {
  const { open, toggle, root, button } = usePopup();
  return (
    <div ref={root} className="sm:hidden">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls="mobile-menu"
        onClick={toggle}
        className="rounded-md border border-slate-300 px-2.5 py-1.5 text-sm text-slate-700 hover:bg-slate-100"
      >
        Menu
      </button>
      {open ? (
        <div
          id="mobile-menu"
          className="absolute inset-x-0 z-30 mt-2 space-y-2 border-b border-slate-200 bg-white px-4 pb-3 pt-2 shadow-lg"
        >
          <OrgNav orgSlug={orgSlug} permissions={permissions} />
          <SignOutButton />
        </div>
      ) : null}
    </div>
  );
}
