"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import type { UserOrg } from "@/lib/orgs/user-org-view";

/**
 * The organization menu in the header: the viewer's organizations with their role, and "Create
 * organization". A menu button per the WAI-ARIA pattern: arrows, Home/End, Escape and Tab work.
 */
export function OrgSwitcher({ current, orgs }: { current: { slug: string; name: string }; orgs: UserOrg[] }) {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const focusOnOpen = useRef<"first" | "last">("first");

  const items = () => [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];

  useEffect(() => {
    if (!open) return;
    const list = items();
    (focusOnOpen.current === "first" ? list[0] : list[list.length - 1])?.focus();
    const closeOnOutsideClick = (event: PointerEvent) => {
      if (!menuRef.current?.contains(event.target as Node) && !buttonRef.current?.contains(event.target as Node))
        setOpen(false);
    };
    document.addEventListener("pointerdown", closeOnOutsideClick);
    return () => document.removeEventListener("pointerdown", closeOnOutsideClick);
  }, [open]);

  function openWith(focus: "first" | "last") {
    focusOnOpen.current = focus;
    setOpen(true);
  }

  function onButtonKeyDown(event: React.KeyboardEvent) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      openWith(event.key === "ArrowDown" ? "first" : "last");
    }
  }

  function onMenuKeyDown(event: React.KeyboardEvent) {
    const list = items();
    const index = list.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => {
      event.preventDefault();
      list[(to + list.length) % list.length]?.focus();
    };
    if (event.key === "ArrowDown") move(index + 1);
    else if (event.key === "ArrowUp") move(index - 1);
    else if (event.key === "Home") move(0);
    else if (event.key === "End") move(list.length - 1);
    else if (event.key === "Escape") {
      event.preventDefault();
      setOpen(false);
      buttonRef.current?.focus();
    } else if (event.key === "Tab") setOpen(false);
  }

  return (
    <div className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls="org-switcher-menu"
        onClick={() => (open ? setOpen(false) : openWith("first"))}
        onKeyDown={onButtonKeyDown}
        className="flex items-center gap-1.5 rounded-md px-2 py-1.5 text-sm font-medium hover:bg-slate-100"
      >
        <span className="sr-only">Switch organization. Current:</span>
        <span data-testid="org-name" className="max-w-28 truncate sm:max-w-48">
          {current.name}
        </span>
        <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4 text-slate-400" fill="currentColor">
          <path d="M5.5 7.5 10 12l4.5-4.5z" />
        </svg>
      </button>
      {open ? (
        <div
          ref={menuRef}
          id="org-switcher-menu"
          role="menu"
          aria-label="Organizations"
          onKeyDown={onMenuKeyDown}
          className="absolute left-0 z-20 mt-1 w-72 rounded-md border border-slate-200 bg-white py-1 shadow-lg"
        >
          {orgs.map((org) => (
            <Link
              key={org.slug}
              href={`/${org.slug}`}
              role="menuitem"
              tabIndex={-1}
              aria-current={org.slug === current.slug ? "page" : undefined}
              onClick={() => setOpen(false)}
              className={
                "flex items-center justify-between gap-3 px-3 py-2 text-sm text-slate-700 hover:bg-slate-50 " +
                "focus:bg-slate-100 focus:outline-none aria-[current=page]:font-semibold"
              }
            >
              <span className="flex min-w-0 items-center gap-2">
                <span
                  aria-hidden
                  className="inline-block h-2.5 w-2.5 shrink-0 rounded-sm bg-brand-600"
                  style={org.brandColor ? { backgroundColor: org.brandColor } : undefined}
                />
                <span className="truncate">{org.name}</span>
              </span>
              <span className="shrink-0 text-xs text-slate-600">{org.role.toLowerCase()}</span>
            </Link>
          ))}
          <div role="separator" className="my-1 border-t border-slate-100" />
          <Link
            href="/orgs/new"
            role="menuitem"
            tabIndex={-1}
            onClick={() => setOpen(false)}
            className="block px-3 py-2 text-sm text-brand-600 hover:bg-slate-50 focus:bg-slate-100 focus:outline-none"
          >
            Create organization
          </Link>
        </div>
      ) : null}
    </div>
  );
}
