"use client";

import { createColumnHelper, flexRender, getCoreRowModel, useReactTable, type SortingState } from "@tanstack/react-table";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import type { TMemberRow, TMembersQuery } from "@/lib/members/member-view";
import { ROLES } from "@/lib/rbac/permissions";
import { MemberActions, type MemberActionProps } from "./member-actions";

const column = createColumnHelper<TMemberRow>();

function lastActive(date: Date | null) {
  return date ? new Date(date).toISOString().replace("T", " ").slice(0, 16) + " UTC" : "Never";
}

/** The members table: sorting, filtering and paging happen on the server; the URL holds the view. */
export function MembersTable({ rows, total, query, actions }: { rows: TMemberRow[]; total: number; query: TMembersQuery; actions: Omit<MemberActionProps, "member"> }) {
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

  const sorting: SortingState = [{ id: query.sort, desc: query.dir === "desc" }];
  const columns = [
    column.accessor("name", { header: "Name", cell: (info) => <span className="font-medium">{info.getValue()}</span> }),
    column.accessor("email", { header: "Email" }),
    column.accessor("role", { header: "Role", cell: (info) => info.getValue().toLowerCase() }),
    column.accessor("mfaEnabled", { header: "2FA", enableSorting: false, cell: (info) => (info.getValue() ? "On" : "Off") }),
    column.accessor("lastActiveAt", { id: "lastActive", header: "Last active", cell: (info) => lastActive(info.getValue()) }),
    column.display({ id: "actions", header: () => <span className="sr-only">Actions</span>, cell: (info) => <MemberActions member={info.row.original} {...actions} /> }),
  ];
  const table = useReactTable({
    data: rows,
    columns,
    state: { sorting },
    manualSorting: true,
    manualPagination: true,
    rowCount: total,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => row.userId,
  });
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
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label="Members">
          <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sortable = header.column.getCanSort() && header.column.id !== "actions";
                  const active = query.sort === header.column.id;
                  return (
                    <th key={header.id} scope="col" className="px-4 py-2" aria-sort={active ? (query.dir === "asc" ? "ascending" : "descending") : undefined}>
                      {sortable ? (
                        <button
                          type="button"
                          className="inline-flex items-center gap-1 uppercase hover:text-slate-900"
                          onClick={() => navigate({ sort: header.column.id, dir: active && query.dir === "asc" ? "desc" : "asc", page: 1 })}
                        >
                          {flexRender(header.column.columnDef.header, header.getContext())}
                          <span aria-hidden>{active ? (query.dir === "asc" ? "▲" : "▼") : "↕"}</span>
                        </button>
                      ) : (
                        flexRender(header.column.columnDef.header, header.getContext())
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody className="divide-y divide-slate-100">
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} data-testid="member-row">
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} className="px-4 py-2 align-middle">
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 ? <p className="p-8 text-center text-sm text-slate-500">No members match this search.</p> : null}
      </div>
      <nav aria-label="Pages" className="flex items-center justify-end gap-2 text-sm">
        <button type="button" disabled={query.page <= 1} onClick={() => navigate({ page: query.page - 1 })} className="rounded-md border border-slate-300 px-3 py-1 disabled:opacity-40">
          Previous
        </button>
        <span>
          Page {query.page} of {pages}
        </span>
        <button type="button" disabled={query.page >= pages} onClick={() => navigate({ page: query.page + 1 })} className="rounded-md border border-slate-300 px-3 py-1 disabled:opacity-40">
          Next
        </button>
      </nav>
    </div>
  );
}
