"use client";

import { createContext, useCallback, useContext, useEffect, useId, useState } from "react";
import { formatInstant, UTC } from "./display-time";

/** `saving`: the choice is on its way to the server. */
type DisplayZone = { zone: string; setZone: (zone: string) => void; saving: boolean };

const DisplayZoneContext = createContext<DisplayZone>({ zone: UTC, setZone: () => {}, saving: false });

/** Saves the person's choice (a server action); the screen shows the new zone at once either way. */
export type SaveDisplayZone = (input: { zone: string }) => Promise<unknown>;

/** The zone the trail's times read in, as the server read it for the person (so the first render matches). */
export function DisplayZoneProvider({
  initialZone,
  save,
  children,
}: {
  initialZone: string;
  save?: SaveDisplayZone;
  children: React.ReactNode;
}) {
  const [zone, setZoneState] = useState(initialZone);
  const [saving, setSaving] = useState(false);
  const setZone = useCallback(
    (next: string) => {
      setZoneState(next);
      if (!save) return;
      setSaving(true);
      void save({ zone: next }).finally(() => setSaving(false));
    },
    [save],
  );
  return <DisplayZoneContext.Provider value={{ zone, setZone, saving }}>{children}</DisplayZoneContext.Provider>;
}

export const useDisplayZone = () => useContext(DisplayZoneContext);

/** `UTC`, or the IANA name of the chosen zone: what a column header names. */
export const zoneName = (zone: string) => (zone === UTC ? "UTC" : zone);

/** An instant in the chosen zone; the exact ISO 8601 instant on hover and in `dateTime`. */
export function EntryTime({ iso }: { iso: string }) {
  const { zone } = useDisplayZone();
  return (
    <time dateTime={iso} title={iso} className="whitespace-nowrap tabular-nums">
      {formatInstant(iso, zone)}
    </time>
  );
}

/** The browser's own zone, known only once running in the browser. */
function useBrowserZone(): string | null {
  const [browserZone, setBrowserZone] = useState<string | null>(null);
  useEffect(() => setBrowserZone(Intl.DateTimeFormat().resolvedOptions().timeZone || null), []);
  return browserZone;
}

/** UTC (the default) or the browser's zone, remembered for the person on every screen of the trail and browser. */
export function DisplayZoneToggle() {
  const { zone, setZone, saving } = useDisplayZone();
  const browserZone = useBrowserZone();
  const name = useId();
  const local = browserZone && browserZone !== UTC ? browserZone : null;
  const option = (value: string, label: string) => (
    <label className="inline-flex items-center gap-1.5">
      <input type="radio" name={name} value={value} checked={zone === value} onChange={() => setZone(value)} />
      {label}
    </label>
  );
  return (
    <fieldset
      className="flex items-center gap-3 text-sm text-slate-700"
      data-testid="time-zone-toggle"
      aria-busy={saving}
    >
      <legend className="sr-only">Show times in</legend>
      <span aria-hidden className="text-slate-600">
        Times in
      </span>
      {option(UTC, "UTC")}
      {local ? option(local, `Local (${local})`) : zone !== UTC ? option(zone, zone) : null}
    </fieldset>
  );
}
