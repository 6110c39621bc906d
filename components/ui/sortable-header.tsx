"use client";

import { flexRender, type Header } from "@tanstack/react-table";

/** Sorting done by the caller (e.g. the server, through the URL): which column, which way, how to ask for another. */
export type ServerSorting = { by: string; dir: "asc" | "desc"; onSort: (by: string, dir: "asc" | "desc") => void };

const ARIA_SORT = { asc: "ascending", desc: "descending" } as const;
const ARROW = { asc: "▲", desc: "▼" } as const;

/**
 * A column header; a sortable one holds a real button and says on the header cell how it is sorted
 * (aria-sort), so a screen reader announces the order and a keyboard reaches the control.
 */
type Props<Row> = { header: Header<Row, unknown>; server: ServerSorting | null; className: string };

export function SortableHeader<Row>({ header, server, className }: Props<Row>) {
  const { column } = header;
  const content = flexRender(column.columnDef.header, header.getContext());
  if (header.isPlaceholder || !column.getCanSort()) {
    return (
      <th scope="col" className={className}>
        {header.isPlaceholder ? null : content}
      </th>
    );
  }
  const sorted = column.getIsSorted();
  const toggle = server
    ? () => server.onSort(column.id, sorted === "asc" ? "desc" : "asc")
    : column.getToggleSortingHandler();
  return (
    <th scope="col" className={className} aria-sort={sorted ? ARIA_SORT[sorted] : "none"}>
      <button type="button" className="inline-flex items-center gap-1 uppercase hover:text-slate-900" onClick={toggle}>
        {content}
        <span aria-hidden>{sorted ? ARROW[sorted] : "↕"}</span>
      </button>
    </th>
  );
}
