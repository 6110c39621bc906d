"use client";

import { useEffect, useRef, useState } from "react";
import type { TAuditEntryView } from "@/lib/audit/audit-entry-view";
import { fetchAuditPage } from "./audit-api";

/** How often the tail asks for entries committed since the newest one shown. */
const POLL_MS = 4000;

type Options = {
  orgSlug: string;
  q: string;
  /** Only on the newest page of a search that runs. */
  enabled: boolean;
  /** The newest seq shown: the cursor the tail asks after ("0" for an empty trail). */
  newestSeq: string;
  onEntries: (entries: TAuditEntryView[]) => void;
};

export type LiveTailState = { on: boolean; toggle: () => void; announcement: string; failed: boolean };

/**
 * The live tail: while on, polls the search for entries newer than the newest shown (a keyset cursor on seq,
 * so none is missed or repeated however many commit between polls) and hands them on, newest first.
 */
export function useLiveTail({ orgSlug, q, enabled, newestSeq, onEntries }: Options): LiveTailState {
  const [on, setOn] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const [failed, setFailed] = useState(false);
  const latest = useRef({ newestSeq, onEntries });
  latest.current = { newestSeq, onEntries };

  useEffect(() => {
    if (!on || !enabled) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      try {
        const page = await fetchAuditPage(
          orgSlug,
          { q, afterSeq: latest.current.newestSeq, beforeSeq: null, limit: 50 },
          controller.signal,
        );
        setFailed(false);
        if (page.entries.length) {
          latest.current.onEntries(page.entries);
          const n = page.entries.length;
          setAnnouncement(`${n} new ${n === 1 ? "entry" : "entries"} at the top of the table`);
        }
      } catch {
        if (controller.signal.aborted) return;
        setFailed(true);
      }
      if (!controller.signal.aborted) timer = setTimeout(poll, POLL_MS);
    };
    timer = setTimeout(poll, POLL_MS);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [on, enabled, orgSlug, q]);

  return {
    on,
    toggle: () => {
      setAnnouncement(on ? "Live tail paused" : "Live tail on: new entries appear at the top");
      setOn(!on);
    },
    announcement,
    failed,
  };
}

/** Start / pause, and a polite announcement of what arrived. */
export function LiveTail({ tail, available }: { tail: LiveTailState; available: boolean }) {
  return (
    <div className="flex items-center gap-2">
      <button
        type="button"
        aria-pressed={tail.on}
        onClick={tail.toggle}
        disabled={!available}
        title={available ? undefined : "The live tail runs on the newest page"}
        className={
          "rounded-md border px-3 py-1 text-sm disabled:opacity-50 " +
          (tail.on ? "border-emerald-300 bg-emerald-50 text-emerald-800" : "border-slate-300 bg-white text-slate-700")
        }
        data-testid="live-tail"
      >
        {tail.on ? "Pause live tail" : "Live tail"}
      </button>
      <span className="sr-only" aria-live="polite" role="status">
        {tail.announcement}
      </span>
      {tail.on ? (
        <span className="text-xs text-slate-600" data-testid="live-tail-status">
          {tail.failed ? "Reconnecting…" : "Live"}
        </span>
      ) : null}
    </div>
  );
}
