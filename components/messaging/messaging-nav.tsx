"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const SECTIONS = [
  { label: "Overview", path: "" },
  { label: "Contacts", path: "/contacts" },
  { label: "Do Not Contact", path: "/dnc" },
  { label: "Campaigns and rules", path: "/campaigns" },
  { label: "Try a number", path: "/try" },
  { label: "Decision log", path: "/decisions" },
];

/** The messaging module's sections, under the organization's navigation. */
export function MessagingNav({ orgSlug }: { orgSlug: string }) {
  const pathname = usePathname();
  const base = `/${orgSlug}/messaging`;
  return (
    <nav aria-label="Messaging" className="flex flex-wrap gap-1 border-b border-slate-200 pb-2 text-sm">
      {SECTIONS.map(({ label, path }) => {
        const href = `${base}${path}`;
        return (
          <Link
            key={label}
            href={href}
            aria-current={pathname === href ? "page" : undefined}
            className={
              "rounded-md px-2 py-1.5 text-slate-600 hover:bg-slate-100 hover:text-slate-900 " +
              "aria-[current=page]:bg-brand-50 aria-[current=page]:font-medium aria-[current=page]:text-brand-700"
            }
          >
            {label}
          </Link>
        );
      })}
    </nav>
  );
}
