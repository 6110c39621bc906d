"use client";

import { createColumnHelper } from "@tanstack/react-table";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { DataTable } from "@/components/ui/data-table";
import type { TMemberRow, TMembersQuery } from "@/lib/members/member-view";
import { ROLES } from "@/lib/rbac/permissions";
import { MemberActions, type MemberActionProps } from "./member-actions";

const column = createColumnHelper<TMemberRow>();

function lastActive(date: Date | null) {
  return date ? new Date(date).toISOString().replace("T", " ").slice(0, 16) + " UTC" : "Never";
}

/** The members table: sorting, filtering and paging happen on the server; the URL holds the view. */
export function MembersTable({
  rows,
  total,
  query,
  actions,
}: {
  rows: TMemberRow[];
  total: number;
  query: TMembersQuery;
  actions: Omit<MemberActionProps, "member">;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [pending, startTransition] = useTransition();
  const [search, setSearch] = useState(query.q);

  const navigate = (changes: Partial<Record<keyof TMembersQuery, string | number | undefined>>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === "") next.delete(key);
      else next.set(key, String(value));
    }
    startTransition(() => router.replace(`${pathname}?${next}`));
  };

  // Filtering as you type, a moment after the last keystroke.
  useEffect(() => {
    if (search === query.q) return;
    const timer = setTimeout(() => navigate({ q: search, page: 1 }), 300);
    return () => clearTimeout(timer);
  });

  const columns = [
    column.accessor("name", {
      header: "Name",
      cell: (info) => (
        <span className="font-medium">
          {info.getValue()}
          {info.row.original.userId === actions.viewerId ? (
            <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-700">You</span>
          ) : null}
        </span>
      ),
    }),
    column.accessor("email", { header: "Email" }),
    column.accessor("role", { header: "Role", cell: (info) => info.getValue().toLowerCase() }),
    column.accessor("mfaEnabled", {
      header: "2FA",
      enableSorting: false,
      cell: (info) => (info.getValue() ? "On" : "Off"),
    }),
    column.accessor("lastActiveAt", {
      id: "lastActive",
      header: "Last active",
      cell: (info) => lastActive(info.getValue()),
    }),
    column.display({
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      cell: (info) => <MemberActions member={info.row.original} {...actions} />,
    }),
  ];
  const pages = Math.max(1, Math.ceil(total / query.pageSize));

  return (
    <div className="space-y-3" aria-busy={pending}>
      <div className="flex flex-wrap items-end gap-3">
        <label className="text-sm">
          <span className="block text-slate-600">Search</span>
          <input
            type="search"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            placeholder="Name or email"
            className="mt-1 w-64 rounded-md border border-slate-300 px-3 py-1.5 text-sm"
          />
        </label>
        <label className="text-sm">
          <span className="block text-slate-600">Role</span>
          <select
            value={query.role ?? ""}
            onChange={(event) => navigate({ role: event.target.value || undefined, page: 1 })}
            className="mt-1 rounded-md border border-slate-300 px-2 py-1.5 text-sm"
          >
            <option value="">All roles</option>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {role.toLowerCase()}
              </option>
            ))}
          </select>
        </label>
        <p className="ml-auto text-sm text-slate-500" aria-live="polite">
          {pending ? "Loading…" : `${total} member${total === 1 ? "" : "s"}`}
        </p>
      </div>
      <DataTable
        label="Members"
        data={rows}
        columns={columns}
        getRowId={(row) => row.userId}
        rowTestId="member-row"
        density="roomy"
        empty="No members match this search."
        sorting={{ by: query.sort, dir: query.dir, onSort: (sort, dir) => navigate({ sort, dir, page: 1 }) }}
        paging={{ page: query.page, pages, onPage: (page) => navigate({ page }) }}
      />
    </div>
  );
}
