/** Numbered pages: which one is shown, how many there are, and how to go to another. */
export type Paging = { page: number; pages: number; onPage: (page: number) => void };

const PAGE_BUTTON = "rounded-md border border-slate-300 bg-white px-3 py-1 disabled:opacity-40";

/** Previous / "Page n of m" / Next, in a navigation landmark named "Pages". */
export function Pager({ page, pages, onPage }: Paging) {
  return (
    <nav aria-label="Pages" className="flex items-center justify-end gap-2 text-sm">
      <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)} className={PAGE_BUTTON}>
        Previous
      </button>
      <span>
        Page {page} of {pages}
      </span>
      <button type="button" disabled={page >= pages} onClick={() => onPage(page + 1)} className={PAGE_BUTTON}>
        Next
      </button>
    </nav>
  );
}
