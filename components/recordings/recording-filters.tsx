import { buttonStyles } from "@/components/ui/dialog";
import { inputStyles } from "@/components/ui/field-errors";
import {
  RECORDING_STATUSES,
  type TRecordingFilters,
  type TSourceCount,
} from "@/lib/recordings/views/recording-view-schemas";
import { STATUS_LABEL } from "./recording-format";

type Props = { orgSlug: string; filters: TRecordingFilters; sources: TSourceCount[] };

/** Status and source filters as a plain GET form: the URL holds them, and they work before any script loads. */
export function RecordingFilters({ orgSlug, filters, sources }: Props) {
  return (
    <form method="get" action={`/${orgSlug}/recordings`} className="flex flex-wrap items-end gap-3" aria-label="Filter">
      <div className="space-y-1 text-sm">
        <label htmlFor="recordings-status" className="block font-medium text-slate-700">
          Status
        </label>
        <select id="recordings-status" name="status" defaultValue={filters.status ?? ""} className={inputStyles}>
          <option value="">Any status</option>
          {RECORDING_STATUSES.map((status) => (
            <option key={status} value={status}>
              {STATUS_LABEL[status]}
            </option>
          ))}
        </select>
      </div>
      <div className="space-y-1 text-sm">
        <label htmlFor="recordings-source" className="block font-medium text-slate-700">
          Source
        </label>
        <select id="recordings-source" name="source" defaultValue={filters.source ?? ""} className={inputStyles}>
          <option value="">Any source</option>
          {sources.map(({ source, count }) => (
            <option key={source} value={source}>
              {source} ({count})
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className={buttonStyles.secondary}>
        Filter
      </button>
      {filters.status || filters.source ? (
        <a href={`/${orgSlug}/recordings`} className="py-2 text-sm text-brand-700 hover:underline">
          Clear filters
        </a>
      ) : null}
    </form>
  );
}
