"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { Permission } from "@/lib/rbac/permissions";

/**
 * The organization's sections, as data: each names the permission it needs, and the viewer sees
 * only what their role allows (the pages check the same permission again on the server).
 */
export const ORG_NAV_ITEMS: { label: string; path: string; permission: Permission }[] = [
  { label: "Dashboard", path: "", permission: "org.read" },
  { label: "Members", path: "/members", permission: "members.read" },
  { label: "Security", path: "/security/sessions", permission: "org.read" },
  { label: "Audit trail", path: "/audit", permission: "audit.read" },
  { label: "Legal holds", path: "/legal-holds", permission: "audit.read" },
  { label: "Privacy requests", path: "/privacy-requests", permission: "privacy_requests.manage" },
  { label: "Roles", path: "/roles", permission: "org.read" },
  { label: "Secrets", path: "/secrets", permission: "org.read" },
  { label: "Messaging", path: "/messaging", permission: "messaging.read" },
  { label: "Recordings", path: "/recordings", permission: "recordings.read" },
  { label: "API keys", path: "/api-keys", permission: "api_keys.read" },
  { label: "Webhooks", path: "/webhooks", permission: "webhooks.manage" },
  { label: "API docs", path: "/api-docs", permission: "org.read" },
  { label: "Settings", path: "/settings", permission: "org.update" },
  { label: "Billing", path: "/billing", permission: "billing.manage" },
];

// min-w-0 and overflow-x-auto: when the items outgrow the header (a long name beside them) the nav
// scrolls sideways instead of running under the account menu; p-1 leaves room for the focus ring.
export function OrgNav({ orgSlug, permissions }: { orgSlug: string; permissions: readonly Permission[] }) {
  const pathname = usePathname();
  const base = `/${orgSlug}`;
  return (
    <nav aria-label="Organization" className="flex flex-wrap items-center gap-0.5 text-sm">
      {ORG_NAV_ITEMS.filter((item) => permissions.includes(item.permission)).map(({ label, path }) => {
        const href = `${base}${path}`;
        // Dashboard is current only on its own page; the others for their whole section.
        const current =
          path === ""
            ? pathname === base
            : pathname === href || pathname.startsWith(`${base}${path.split("/").slice(0, 2).join("/")}/`);
        return (
          <Link
            key={label}
            href={href}
            aria-current={current ? "page" : undefined}
            className={
              "shrink-0 rounded-md px-1.5 py-1.5 text-slate-600 hover:bg-slate-100 hover:text-slate-900 " +
              "aria-[current=page]:bg-slate-100 aria-[current=page]:text-slate-900"
            }
          >
            {label}
          </Link>
        );
      })}
    </nav>
  );
}
