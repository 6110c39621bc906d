import { createColumnHelper } from "@tanstack/react-table";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DataTable } from "./data-table";

type Row = { id: string; name: string; role: string };
const column = createColumnHelper<Row>();
const columns = [
  column.accessor("name", { header: "Name" }),
  column.accessor("role", { header: "Role", enableSorting: false }),
  column.display({ id: "actions", header: "Actions", cell: () => "…" }),
];
const rows: Row[] = [
  { id: "b", name: "Bea", role: "admin" },
  { id: "a", name: "Ada", role: "owner" },
];
const render = (props: Partial<Parameters<typeof DataTable<Row>>[0]>) => {
  const base = { label: "People", data: rows, columns, getRowId: (row: Row) => row.id };
  return renderToStaticMarkup(createElement(DataTable<Row>, { ...base, ...props }));
};

describe("DataTable", () => {
  it("names the table and gives each row its test id", () => {
    const html = render({ rowTestId: "person-row" });
    expect(html).toContain('aria-label="People"');
    expect(html.match(/data-testid="person-row"/g)).toHaveLength(2);
  });

  it("makes a sortable column's header a button and says on the header cell how it is sorted", () => {
    const html = render({ sorting: "client" });
    expect(html).toMatch(/<th scope="col"[^>]*aria-sort="none"[^>]*><button type="button"[^>]*>Name/);
    // Not sortable: a column switched off and a display column have neither a button nor aria-sort.
    expect(html).toMatch(/<th scope="col" class="[^"]*">Role<\/th>/);
    expect(html).toMatch(/<th scope="col" class="[^"]*">Actions<\/th>/);
  });

  it("shows a server-sorted column as sorted, the way the caller says", () => {
    const html = render({ sorting: { by: "name", dir: "desc", onSort: () => {} } });
    expect(html).toMatch(/aria-sort="descending"[^>]*><button[^>]*>Name/);
  });

  it("has no sort buttons when sorting is not asked for", () => {
    expect(render({})).not.toContain("<button");
  });

  it("says the list is empty instead of drawing an empty table", () => {
    const html = render({ data: [], empty: "Nobody here yet." });
    expect(html).toContain("Nobody here yet.");
    expect(html).not.toContain("<table");
  });

  it("announces an error above the table", () => {
    const html = render({ error: "The list could not be loaded." });
    expect(html).toMatch(/role="alert"[^>]*>The list could not be loaded\./);
  });

  it("puts rows that open in the tab order and marks the open one", () => {
    const html = render({ onOpenRow: () => {}, openRowId: "a" });
    expect(html.match(/<tr[^>]*tabindex="0"/g)).toHaveLength(2);
    expect(html).toMatch(/<tr[^>]*data-open="true"[^>]*tabindex="0"[^>]*>(?:(?!<\/tr>).)*Ada/);
  });

  it("pages with Previous and Next in a navigation named Pages", () => {
    const html = render({ paging: { page: 1, pages: 3, onPage: () => {} } });
    expect(html).toContain('aria-label="Pages"');
    expect(html).toMatch(/<button type="button" disabled=""[^>]*>Previous/);
    expect(html).toContain("Page 1 of 3");
  });
});
