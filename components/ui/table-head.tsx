/** The header row style of the panel's tables (the DataTable's too). */
export const TABLE_HEAD_STYLES = "bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500";

type Heading = string | { label: string; className?: string };

/** The header of a small fixed table: one column header per heading, each with the cell padding given. */
export function TableHead({
  headings,
  cellClassName,
  className = TABLE_HEAD_STYLES,
  rowClassName,
}: {
  headings: Heading[];
  cellClassName: string;
  className?: string;
  rowClassName?: string;
}) {
  return (
    <thead className={className}>
      <tr className={rowClassName}>
        {headings.map((heading) => {
          const { label, className: extra } = typeof heading === "string" ? { label: heading } : heading;
          return (
            <th key={label} scope="col" className={extra ? `${extra} ${cellClassName}` : cellClassName}>
              {label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
