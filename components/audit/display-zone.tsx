"use client";

import { createContext, useCallback, useContext, useEffect, useId, useState } from "react";
import { formatInstant, TIME_ZONE_COOKIE, UTC } from "./display-time";

type DisplayZone = { zone: string; setZone: (zone: string) => void };

const DisplayZoneContext = createContext<DisplayZone>({ zone: UTC, setZone: () => {} });

/** A year: the choice is the reader's, for this browser (there is no per-user preference store). */
const COOKIE_MAX_AGE = 365 * 24 * 60 * 60;

/** The zone the trail's times read in, from the cookie the server read (so the first render matches). */
export function DisplayZoneProvider({ initialZone, children }: { initialZone: string; children: React.ReactNode }) {
  const [zone, setZoneState] = useState(initialZone);
  const setZone = useCallback((next: string) => {
    setZoneState(next);
    document.cookie = `${TIME_ZONE_COOKIE}=${encodeURIComponent(next)}; path=/; max-age=${COOKIE_MAX_AGE}; samesite=lax`;
  }, []);
  return <DisplayZoneContext.Provider value={{ zone, setZone }}>{children}</DisplayZoneContext.Provider>;
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

/** UTC (the default) or the browser's zone, remembered in a cookie for every screen of the trail. */
export function DisplayZoneToggle() {
  const { zone, setZone } = useDisplayZone();
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
    <fieldset className="flex items-center gap-3 text-sm text-slate-700" data-testid="time-zone-toggle">
      <legend className="sr-only">Show times in</legend>
      <span aria-hidden className="text-slate-600">
        Times in
      </span>
      {option(UTC, "UTC")}
      {local ? option(local, `Local (${local})`) : zone !== UTC ? option(zone, zone) : null}
    </fieldset>
  );
}
