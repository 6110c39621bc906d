"use client";

import { useEffect, useId, useState } from "react";
import { useDisplayZone, zoneName } from "./display-zone";
import { customCreatedValue, presetCreatedValue, RANGE_PRESETS, wallRangeOf, type RangePresetId } from "./time-range";

type Props = {
  /** The search's first created: interval (UTC instants, "" for an open end). */
  since: string;
  until: string;
  /** Writes the created: qualifier (null removes it) and runs the search. */
  onSet: (value: string | null) => void;
  fieldStyle: string;
};

/**
 * "Time range": any time, the last hour, 24 hours, 7 or 30 days, or a custom range of two date-times read in the
 * zone the times are shown in. Every choice is written into the search as `created:` (time-range.ts).
 */
export function TimeRangePicker({ since, until, onSet, fieldStyle }: Props) {
  const { zone } = useDisplayZone();
  const [chosen, setChosen] = useState<{ id: RangePresetId; since: string } | null>(null);
  const [custom, setCustom] = useState(false);
  const shown = wallRangeOf(since, until, zone);
  const [wall, setWall] = useState(shown);
  const customId = useId();
  useEffect(() => setWall(wallRangeOf(since, until, zone)), [since, until, zone]);

  // A preset is shown as chosen while the search still holds what it wrote; any other range is "custom".
  const preset = chosen && since === chosen.since && !until ? chosen.id : null;
  const selected = preset ?? (custom || since || until ? "custom" : "any");

  const choose = (value: string) => {
    if (value === "any") {
      setCustom(false);
      setChosen(null);
      onSet(null);
    } else if (value === "custom") {
      setCustom(true);
    } else {
      const id = value as RangePresetId;
      const written = presetCreatedValue(id, Date.now());
      // The parser writes instants with six fractional digits: remember the start in that form.
      setChosen({ id, since: `${written.slice(2, -1)}.000000Z` });
      setCustom(false);
      onSet(written);
    }
  };

  return (
    <div className="col-span-2 space-y-2 sm:col-span-3 lg:col-span-2">
      <label className="block text-sm text-slate-600">
        Time range
        <select
          value={selected}
          onChange={(event) => choose(event.target.value)}
          className={fieldStyle}
          data-testid="time-range"
        >
          <option value="any">Any time</option>
          {RANGE_PRESETS.map((option) => (
            <option key={option.id} value={option.id}>
              {option.label}
            </option>
          ))}
          <option value="custom">Custom range…</option>
        </select>
      </label>
      {selected === "custom" ? (
        <form
          id={customId}
          className="flex flex-wrap items-end gap-2"
          method="post"
          aria-label="Custom time range"
          onSubmit={(event) => {
            event.preventDefault();
            onSet(customCreatedValue(wall.from, wall.to, zone));
          }}
        >
          <label className="text-xs text-slate-600">
            From ({zoneName(zone)})
            <input
              type="datetime-local"
              value={wall.from}
              max={wall.to || undefined}
              onChange={(event) => setWall((current) => ({ ...current, from: event.target.value }))}
              className={fieldStyle}
            />
          </label>
          <label className="text-xs text-slate-600">
            To ({zoneName(zone)})
            <input
              type="datetime-local"
              value={wall.to}
              min={wall.from || undefined}
              onChange={(event) => setWall((current) => ({ ...current, to: event.target.value }))}
              className={fieldStyle}
            />
          </label>
          <button
            type="submit"
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50"
          >
            Apply
          </button>
        </form>
      ) : null}
    </div>
  );
}
