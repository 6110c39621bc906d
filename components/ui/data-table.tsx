"use client";

import {
  flexRender,
  getCoreRowModel,
  getExpandedRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type ExpandedState,
  type RowData,
  type SortingState,
} from "@tanstack/react-table";
import { Fragment, useState } from "react";
import { EmptyState } from "./empty-state";
import { FormError } from "./form-field";
import { Pager, type Paging } from "./pager";
import { SortableHeader, type ServerSorting } from "./sortable-header";
import { TABLE_HEAD_STYLES } from "./table-head";

declare module "@tanstack/react-table" {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    /** Classes of this column's cells (alignment, type, wrapping). */
    cellClassName?: string;
  }
}

// Columns mix value types (a name column, a date column): TanStack types them per column.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type DataTableColumns<Row> = ColumnDef<Row, any>[];

type Props<Row> = {
  /** The table's accessible name ("API keys"): screen readers and the journeys find it by this. */
  label: string;
  data: Row[];
  columns: DataTableColumns<Row>;
  getRowId: (row: Row) => string;
  /** `data-testid` of each row. */
  rowTestId?: string;
  rowClassName?: (row: Row) => string | undefined;
  /** Extra data-* attributes of a row. */
  rowData?: (row: Row) => Record<`data-${string}`, string | undefined>;
  /**
   * "client": the shown rows sort in the browser, on a header's button. A ServerSorting: the header's
   * button asks the caller (who reloads, e.g. through the URL). Omitted: no column sorts.
   */
  sorting?: "client" | ServerSorting;
  /** Rows become stops in the tab order: Enter, Space or a click opens one; the arrow keys move between rows. */
  onOpenRow?: (id: string) => void;
  /** The row open elsewhere (a drawer), marked in the table. */
  openRowId?: string | null;
  /** A row's details under it, shown while the row is expanded (a column calls row.getToggleExpandedHandler()). */
  expanded?: { render: (row: Row) => React.ReactNode; id: (rowId: string) => string };
  /** Shown instead of the table when there are no rows. */
  empty?: React.ReactNode;
  /** A failure to load or to act, announced above the table. */
  error?: string | null;
  paging?: Paging;
  /** "roomy": `px-4` cells, vertically centred, for short tables; "compact": `px-2.5`, for wide ones. */
  density?: "compact" | "roomy";
  /** Vertical alignment of compact cells (roomy ones are centred). */
  align?: "top" | "middle";
  describedBy?: string;
};

const ALIGN = { top: "align-top", middle: "align-middle" } as const;

/** Moves focus to the row above or below (rows that open are stops in the tab order). */
function moveFocus(from: HTMLElement, step: 1 | -1) {
  const next = step === 1 ? from.nextElementSibling : from.previousElementSibling;
  if (next instanceof HTMLElement) next.focus();
}

function openOnKey(event: React.KeyboardEvent<HTMLTableRowElement>, open: () => void) {
  if (event.key === "Enter" || event.key === " ") {
    event.preventDefault();
    open();
  } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
    event.preventDefault();
    moveFocus(event.currentTarget, event.key === "ArrowDown" ? 1 : -1);
  }
}

/**
 * The panel's table over TanStack Table: header sorting on real buttons (aria-sort on the header cell),
 * keyboard-reachable rows, an empty state, an error line and paging, in one look for every list.
 */
/**
 * The actions column ("actions") stays pinned at the right edge while the rest of a wide table scrolls
 * sideways, so on a phone every row's buttons stay in view.
 */
const STICKY_ACTIONS = "sticky right-0 shadow-[-6px_0_6px_-6px_rgba(15,23,42,0.2)]";

export function DataTable<Row>(props: Props<Row>) {
  const { label, data, columns, getRowId, rowTestId, rowClassName, rowData, sorting } = props;
  const { onOpenRow, openRowId, expanded, empty, error, paging, density = "compact", describedBy } = props;
  const align = density === "roomy" ? "middle" : (props.align ?? "top");
  const [clientSorting, setClientSorting] = useState<SortingState>([]);
  const [expandedRows, setExpandedRows] = useState<ExpandedState>({});
  const server = typeof sorting === "object" ? sorting : null;
  const table = useReactTable({
    data,
    columns,
    getRowId,
    state: {
      sorting: server ? [{ id: server.by, desc: server.dir === "desc" }] : clientSorting,
      expanded: expandedRows,
    },
    enableSorting: sorting !== undefined,
    manualSorting: server !== null,
    onSortingChange: setClientSorting,
    onExpandedChange: setExpandedRows,
    getRowCanExpand: () => expanded !== undefined,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getExpandedRowModel: getExpandedRowModel(),
  });
  const cell = `${density === "roomy" ? "px-4" : "px-2.5"} py-2`;

  return (
    <div className="space-y-3">
      <FormError message={error ?? null} />
      {data.length === 0 && empty ? (
        <EmptyState>{empty}</EmptyState>
      ) : (
        <div
          className="overflow-x-auto rounded-lg border border-slate-200 bg-white"
          role="region"
          aria-label={label}
          tabIndex={0}
        >
          <table
            className="min-w-full divide-y divide-slate-200 text-sm"
            aria-label={label}
            aria-describedby={describedBy}
          >
            <thead className={TABLE_HEAD_STYLES}>
              {table.getHeaderGroups().map((group) => (
                <tr key={group.id}>
                  {group.headers.map((header) => (
                    <SortableHeader
                      key={header.id}
                      header={header}
                      server={server}
                      className={`whitespace-nowrap ${cell}${header.column.id === "actions" ? ` ${STICKY_ACTIONS} bg-slate-50` : ""}`}
                    />
                  ))}
                </tr>
              ))}
            </thead>
            <tbody className="divide-y divide-slate-100">
              {table.getRowModel().rows.map((row) => (
                <Fragment key={row.id}>
                  <tr
                    data-testid={rowTestId}
                    {...rowData?.(row.original)}
                    data-open={onOpenRow && openRowId === row.id ? "true" : undefined}
                    tabIndex={onOpenRow ? 0 : undefined}
                    onClick={onOpenRow ? () => onOpenRow(row.id) : undefined}
                    onKeyDown={onOpenRow ? (event) => openOnKey(event, () => onOpenRow(row.id)) : undefined}
                    className={
                      [
                        rowClassName?.(row.original),
                        onOpenRow
                          ? "cursor-pointer hover:bg-slate-50 focus-visible:bg-brand-50 focus-visible:outline-2 " +
                            "focus-visible:-outline-offset-2 focus-visible:outline-brand-600 data-[open=true]:bg-brand-50"
                          : undefined,
                      ]
                        .filter(Boolean)
                        .join(" ") || undefined
                    }
                  >
                    {row.getVisibleCells().map((item) => (
                      <td
                        key={item.id}
                        className={`${cell} ${ALIGN[align]} ${item.column.columnDef.meta?.cellClassName ?? ""}${
                          item.column.id === "actions" ? ` ${STICKY_ACTIONS} bg-white` : ""
                        }`}
                      >
                        {flexRender(item.column.columnDef.cell, item.getContext())}
                      </td>
                    ))}
                  </tr>
                  {expanded && row.getIsExpanded() ? (
                    <tr id={expanded.id(row.id)}>
                      <td colSpan={row.getVisibleCells().length} className="p-0">
                        {expanded.render(row.original)}
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {paging ? <Pager {...paging} /> : null}
    </div>
  );
}
