"use client";

import { createColumnHelper } from "@tanstack/react-table";
import { useEffect, useId, useMemo, useState } from "react";
import { DataTable } from "@/components/ui/data-table";
import type { TAuditEntryView } from "@/lib/audit/audit-entry-view";
import { EntryTime, useDisplayZone, zoneName } from "./display-zone";
import { actorLabel, OutcomeBadge, targetLabel } from "./entry-format";
import { checkQuery, type FacetQualifier } from "./query-facets";

const column = createColumnHelper<TAuditEntryView>();
const none = <span className="text-slate-600">—</span>;

/** Adds `qualifier:value` to the search (a click on a cell's value). */
export type AddFilter = (qualifier: FacetQualifier, value: string) => void;

/**
 * A cell's value as a button that adds it to the search. Its own keys stay its own: Enter on it filters,
 * where Enter on the row (the row's handler) opens the entry.
 */
function FilterValue({
  qualifier,
  value,
  label,
  onFilter,
  className = "",
  children,
}: {
  qualifier: FacetQualifier;
  value: string;
  label: string;
  onFilter: AddFilter | undefined;
  className?: string;
  children: React.ReactNode;
}) {
  if (!onFilter) return <span className={`truncate ${className}`}>{children}</span>;
  return (
    <button
      type="button"
      title={`Filter by ${label}: add ${qualifier}:${value} to the search`}
      data-testid={`filter-${qualifier}`}
      onClick={(event) => {
        event.stopPropagation();
        onFilter(qualifier, value);
      }}
      onKeyDown={(event) => event.stopPropagation()}
      className={
        `max-w-full truncate rounded text-left decoration-dotted underline-offset-2 ` +
        `hover:underline focus-visible:underline ${className}`
      }
    >
      {children}
    </button>
  );
}

/** The value an actor: or target: term finds the entry by: what the table shows, its display name or id. */
const actorValue = (entry: TAuditEntryView) => entry.actor.display ?? entry.actor.id;
const targetValue = (entry: TAuditEntryView) => entry.target?.display ?? entry.target?.id ?? null;
/** Only an address the search reads (not "unknown"), so a click never writes a search that fails. */
const ipValue = (ip: string | null) => (ip && checkQuery(`ip:${ip}`).ok ? ip : null);

export const AUDIT_COLUMNS = [
  { id: "seq", label: "#" },
  { id: "occurredAt", label: "Time" },
  { id: "actor", label: "Actor" },
  { id: "action", label: "Action" },
  { id: "target", label: "Target" },
  { id: "outcome", label: "Outcome" },
  { id: "ip", label: "IP" },
  { id: "location", label: "Location" },
] as const;
type ColumnId = (typeof AUDIT_COLUMNS)[number]["id"];

function columnsFor(zone: string, onFilter: AddFilter | undefined) {
  return [
    column.accessor("seq", {
      header: "#",
      cell: (info) => <span className="font-mono text-xs tabular-nums text-slate-500">{info.getValue()}</span>,
    }),
    column.accessor("occurredAt", {
      header: `Time (${zoneName(zone)})`,
      cell: (info) => <EntryTime iso={info.getValue()} />,
    }),
    column.accessor(actorLabel, {
      id: "actor",
      header: "Actor",
      cell: ({ row: { original } }) => {
        const value = actorValue(original);
        const shown = (
          <>
            {original.actor.type === "api_key" ? (
              <span className="mr-1 rounded bg-slate-100 px-1 text-xs text-slate-600">key</span>
            ) : null}
            {actorLabel(original)}
          </>
        );
        return value ? (
          <FilterValue qualifier="actor" value={value} label="actor" onFilter={onFilter} className="block max-w-48">
            {shown}
          </FilterValue>
        ) : (
          <span className="block max-w-48 truncate">{shown}</span>
        );
      },
    }),
    column.accessor("action", {
      header: "Action",
      cell: (info) => (
        <FilterValue
          qualifier="action"
          value={info.getValue()}
          label="action"
          onFilter={onFilter}
          className="whitespace-nowrap font-medium text-slate-900"
        >
          {info.getValue()}
        </FilterValue>
      ),
    }),
    column.accessor(targetLabel, {
      id: "target",
      header: "Target",
      cell: ({ row: { original } }) => {
        const value = targetValue(original);
        const shown = targetLabel(original);
        if (!shown) return none;
        return value ? (
          <FilterValue
            qualifier="target"
            value={value}
            label="target"
            onFilter={onFilter}
            className="block max-w-40 text-slate-600"
          >
            {shown}
          </FilterValue>
        ) : (
          <span className="block max-w-40 truncate text-slate-600">{shown}</span>
        );
      },
    }),
    column.accessor("outcome", { header: "Outcome", cell: (info) => <OutcomeBadge outcome={info.getValue()} /> }),
    column.accessor("ip", {
      header: "IP",
      cell: (info) => {
        const ip = info.getValue();
        if (!ip) return none;
        const value = ipValue(ip);
        return value ? (
          <FilterValue
            qualifier="ip"
            value={value}
            label="IP"
            onFilter={onFilter}
            className="font-mono text-xs text-slate-600"
          >
            {ip}
          </FilterValue>
        ) : (
          <span className="font-mono text-xs text-slate-600">{ip}</span>
        );
      },
    }),
    column.accessor((entry) => [entry.geo?.city, entry.geo?.country].filter(Boolean).join(", ") || null, {
      id: "location",
      header: "Location",
      cell: ({ row: { original } }) => {
        const { city, country } = original.geo ?? {};
        if (!city && !country) return none;
        return (
          <span className="whitespace-nowrap">
            {city}
            {city && country ? ", " : null}
            {country && /^[A-Za-z]{2}$/.test(country) ? (
              <FilterValue qualifier="country" value={country} label="country" onFilter={onFilter}>
                {country}
              </FilterValue>
            ) : (
              country
            )}
          </span>
        );
      },
    }),
  ];
}

const HIDDEN_COLUMNS_KEY = "verity.audit.hiddenColumns";

/** Which columns the reader hid (this browser's choice), remembered across visits. */
/**
 * Hidden until the reader asks for them: at 1280 px the other columns fit with nothing cut off (with IP shown, a long
 * target pushed it past the edge). Location repeats
 * what the IP says for most readers; the chooser restores it, and a reader's own choice, once made, is kept.
 */
export const COLUMNS_HIDDEN_BY_DEFAULT: readonly ColumnId[] = ["ip", "location"];

export function useHiddenColumns(): [Set<ColumnId>, (id: ColumnId, shown: boolean) => void] {
  const [hidden, setHidden] = useState<Set<ColumnId>>(() => new Set(COLUMNS_HIDDEN_BY_DEFAULT));
  useEffect(() => {
    try {
      const stored = window.localStorage.getItem(HIDDEN_COLUMNS_KEY);
      if (stored === null) return;
      const saved = JSON.parse(stored) as unknown;
      const known = AUDIT_COLUMNS.map((c) => c.id as string);
      if (Array.isArray(saved)) setHidden(new Set(saved.filter((id) => known.includes(id)) as ColumnId[]));
    } catch {
      // An unreadable saved choice keeps the default columns.
    }
  }, []);
  const set = (id: ColumnId, shown: boolean) =>
    setHidden((current) => {
      const next = new Set(current);
      if (shown) next.delete(id);
      else next.add(id);
      window.localStorage.setItem(HIDDEN_COLUMNS_KEY, JSON.stringify([...next]));
      return next;
    });
  return [hidden, set];
}

/** "Columns": a disclosure of checkboxes, one per column (at least one stays shown). */
export function ColumnChooser({
  hidden,
  onToggle,
}: {
  hidden: Set<ColumnId>;
  onToggle: (id: ColumnId, shown: boolean) => void;
}) {
  return (
    <details className="relative text-sm" data-testid="column-chooser">
      <summary className="cursor-pointer rounded-md border border-slate-300 bg-white px-3 py-1 text-slate-700 hover:bg-slate-50">
        Columns{hidden.size ? ` (${hidden.size} hidden)` : ""}
      </summary>
      <fieldset className="absolute right-0 z-10 mt-1 w-44 space-y-1 rounded-md border border-slate-200 bg-white p-3 shadow-lg">
        <legend className="sr-only">Columns shown</legend>
        {AUDIT_COLUMNS.map(({ id, label }) => (
          <label key={id} className="flex items-center gap-2 text-slate-700">
            <input
              type="checkbox"
              checked={!hidden.has(id)}
              disabled={!hidden.has(id) && hidden.size === AUDIT_COLUMNS.length - 1}
              onChange={(event) => onToggle(id, event.target.checked)}
            />
            {label === "#" ? "# (seq)" : label}
            <span className="sr-only"> column</span>
          </label>
        ))}
      </fieldset>
    </details>
  );
}

type Props = {
  entries: TAuditEntryView[];
  /** The entry open in the drawer, marked in the table. */
  openSeq: string | null;
  onOpen: (seq: string) => void;
  /** A click on a cell's value adds it to the search; without it, values are plain text. */
  onFilter?: AddFilter;
  hiddenColumns?: Set<ColumnId>;
  /** The rows' test id: archived entries (archive-search.tsx) are told apart from the hot page's. */
  rowTestId?: string;
};

/**
 * One page of entries. Every row is a stop in the tab order: Enter (or Space, or a click) opens it,
 * the arrow keys move between rows; a value in a cell is a button that adds it to the search.
 */
export function AuditEntriesTable({
  entries,
  openSeq,
  onOpen,
  onFilter,
  hiddenColumns,
  rowTestId = "audit-row",
}: Props) {
  const hintId = useId();
  const { zone } = useDisplayZone();
  const columns = useMemo(() => {
    const all = columnsFor(zone, onFilter);
    // An accessor column's id is its accessor key until the table builds it.
    const idOf = (c: (typeof all)[number]) => (c.id ?? ("accessorKey" in c ? String(c.accessorKey) : "")) as ColumnId;
    return hiddenColumns?.size ? all.filter((c) => !hiddenColumns.has(idOf(c))) : all;
  }, [zone, onFilter, hiddenColumns]);
  return (
    <>
      <p id={hintId} className="sr-only">
        Press Enter on a row to open the entry; a value in a row is a button that adds it to the search.
      </p>
      <DataTable
        label="Audit entries"
        describedBy={hintId}
        data={entries}
        columns={columns}
        getRowId={(row) => row.seq}
        rowTestId={rowTestId}
        align="middle"
        onOpenRow={onOpen}
        openRowId={openSeq}
      />
    </>
  );
}
