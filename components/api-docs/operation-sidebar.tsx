"use client";

import { useEffect, useId, useMemo, useRef, useState } from "react";
import { MethodBadge } from "./method-badge";

export type SidebarGroup = {
  tag: string;
  operations: { id: string; method: string; fullPath: string; summary: string }[];
};

const matches = (query: string, operation: SidebarGroup["operations"][number], tag: string) => {
  const haystack = `${operation.method} ${operation.fullPath} ${operation.summary} ${tag}`.toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
};

/**
 * The docs page's sticky table of contents: every operation by group, with its method and full path, filtered
 * as one types (all words must match the method, path, summary or group). "/" focuses the search; the arrow
 * keys move from the search into the list and along it; Enter follows a link to the operation's anchor.
 */
export function OperationSidebar({ groups, children }: { groups: SidebarGroup[]; children?: React.ReactNode }) {
  const [query, setQuery] = useState("");
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const hintId = useId();
  const filtered = useMemo(
    () =>
      groups
        .map((group) => ({
          ...group,
          operations: group.operations.filter((operation) => matches(query, operation, group.tag)),
        }))
        .filter((group) => group.operations.length > 0),
    [groups, query],
  );
  const total = groups.reduce((sum, group) => sum + group.operations.length, 0);
  const shown = filtered.reduce((sum, group) => sum + group.operations.length, 0);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const typing = target?.closest("input, textarea, select, [contenteditable='true']");
      if (event.key === "/" && !typing && !event.metaKey && !event.ctrlKey && !event.altKey) {
        event.preventDefault();
        searchRef.current?.focus();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  const links = () => [...(listRef.current?.querySelectorAll<HTMLAnchorElement>("a[data-operation]") ?? [])];
  const onListKey = (event: React.KeyboardEvent) => {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const all = links();
    const index = all.indexOf(document.activeElement as HTMLAnchorElement);
    event.preventDefault();
    if (event.key === "ArrowDown") all[Math.min(index + 1, all.length - 1)]?.focus();
    else if (index <= 0) searchRef.current?.focus();
    else all[index - 1]?.focus();
  };

  return (
    <nav
      aria-label="API operations"
      className="space-y-3 text-sm lg:sticky lg:top-4 lg:flex lg:max-h-[calc(100vh-2rem)] lg:flex-col lg:self-start"
    >
      <div className="space-y-1">
        <label htmlFor={`${hintId}-search`} className="block text-xs font-medium text-slate-700">
          Search operations
        </label>
        <input
          ref={searchRef}
          id={`${hintId}-search`}
          type="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "ArrowDown") {
              event.preventDefault();
              links()[0]?.focus();
            } else if (event.key === "Escape") setQuery("");
          }}
          placeholder="e.g. POST members"
          aria-describedby={`${hintId}-hint`}
          aria-controls={`${hintId}-list`}
          autoComplete="off"
          className={
            "w-full rounded-md border border-slate-300 px-2.5 py-1.5 text-sm focus-visible:border-brand-600 " +
            "focus-visible:outline-2 focus-visible:outline-brand-600"
          }
        />
        <p id={`${hintId}-hint`} className="text-xs text-slate-600">
          Press <kbd className="rounded border border-slate-300 px-1 font-mono">/</kbd> to search, ↓ to move into the
          list.
        </p>
        <p role="status" className="text-xs text-slate-600">
          {query ? `${shown} of ${total} operations` : `${total} operations`}
        </p>
      </div>
      {children}
      <div
        ref={listRef}
        id={`${hintId}-list`}
        onKeyDown={onListKey}
        className="max-h-80 space-y-3 overflow-y-auto pr-1 lg:max-h-none lg:min-h-0 lg:flex-1"
      >
        {filtered.length === 0 ? (
          <p className="rounded-md border border-dashed border-slate-300 p-3 text-sm text-slate-600">
            No operation matches “{query}”. Try a path segment such as <code className="font-mono">members</code> or a
            method such as <code className="font-mono">DELETE</code>.
          </p>
        ) : null}
        {filtered.map((group) => (
          <div key={group.tag} className="space-y-1">
            <p className="text-xs font-medium uppercase tracking-wide text-slate-600">{group.tag}</p>
            <ul className="space-y-0.5">
              {group.operations.map((operation) => (
                <li key={operation.id}>
                  <a
                    href={`#${operation.id}`}
                    data-operation={operation.id}
                    title={operation.summary}
                    className={
                      "flex items-start gap-2 rounded px-1 py-0.5 text-slate-800 hover:bg-slate-100 " +
                      "focus-visible:bg-brand-50 focus-visible:outline-2 focus-visible:outline-brand-600"
                    }
                  >
                    <MethodBadge method={operation.method} />{" "}
                    <span className="min-w-0 break-all font-mono text-xs leading-5">{operation.fullPath}</span>
                  </a>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </nav>
  );
}
