import { stringify } from "csv-stringify/sync";
import type { TAuditEntryView } from "@/lib/audit/audit-entry-view";

export const CSV_COLUMNS = [
  "seq",
  "id",
  "occurredAt",
  "category",
  "action",
  "outcome",
  "actorType",
  "actorId",
  "actorDisplay",
  "targetType",
  "targetId",
  "targetDisplay",
  "ip",
  "country",
  "region",
  "city",
  "userAgent",
  "requestId",
  "metadata",
  "prevHash",
  "hash",
] as const;

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return before one) as a
 * formula: an actor display such as `=HYPERLINK("https://evil.example",…)` must stay text (CSV injection).
 */
export function neutralizeFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

export function csvRowOf(entry: TAuditEntryView): string[] {
  const row = [
    entry.seq,
    entry.id,
    entry.occurredAt,
    entry.category,
    entry.action,
    entry.outcome,
    entry.actor.type,
    entry.actor.id,
    entry.actor.display,
    entry.target?.type ?? null,
    entry.target?.id ?? null,
    entry.target?.display ?? null,
    entry.ip,
    entry.geo?.country ?? null,
    entry.geo?.region ?? null,
    entry.geo?.city ?? null,
    entry.userAgent,
    entry.requestId,
    JSON.stringify(entry.metadata),
    entry.prevHash,
    entry.hash,
  ];
  return row.map((cell) => neutralizeFormula(cell ?? ""));
}

/**
 * One cell as csv-stringify writes it with its defaults (RFC 4180): quoted when it holds a quote, a
 * comma or a line break, quotes doubled. Written by hand because csv-stringify's per-cell options
 * halved export throughput; csv-format.test.ts holds the two to each other.
 */
function csvCell(cell: string): string {
  return /[",\n\r]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

export const csvHeader = (): string => stringify([[...CSV_COLUMNS]]);
export const csvRowsOf = (entries: TAuditEntryView[]): string => {
  let text = "";
  for (const entry of entries) text += `${csvRowOf(entry).map(csvCell).join(",")}\n`;
  return text;
};
