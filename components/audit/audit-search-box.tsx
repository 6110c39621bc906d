"use client";

import { useId, useLayoutEffect, useMemo, useRef, useState } from "react";
import {
  applySuggestion,
  suggestSearchTerms,
  termAtCaret,
  type SearchSuggestion,
} from "@/lib/audit/search/search-suggestions";
import { useRecentValues } from "./recent-values";

type Span = { position: number; length: number };

type Props = {
  orgSlug: string;
  value: string;
  onChange: (value: string) => void;
  /** Runs the search; only called when it parses. */
  onSubmit: () => void;
  /** The first problem with the text as typed (checked in the browser), or one the server found. */
  error: ({ message: string } & Span) | null;
  busy: boolean;
  /** The one-line description of a catalog action, shown next to it in the suggestions. */
  describeAction?: (action: string) => string | undefined;
};

/** The search with the offending characters marked: what is underlined is what the message names. */
function MarkedQuery({ text, span }: { text: string; span: Span }) {
  const start = Math.min(Math.max(span.position - 1, 0), text.length);
  const end = Math.min(start + Math.max(span.length, 0), text.length);
  return (
    <code
      className="block overflow-x-auto whitespace-pre rounded bg-slate-50 px-2 py-1 font-mono text-xs text-slate-700"
      aria-hidden
    >
      {text.slice(0, start)}
      <mark
        className="bg-red-100 text-red-800 underline decoration-red-600 decoration-wavy underline-offset-2"
        data-testid="query-error-span"
      >
        {end > start ? text.slice(start, end) : "\u2002"}
      </mark>
      {text.slice(end)}
    </code>
  );
}

const HELP: [string, string][] = [
  ["action:member.invited", "an action; end with * for every action that starts so (action:api_key.*)"],
  [
    "category:access",
    "authentication, access, credentials, api_keys, webhooks, org_settings, billing, privacy, audit, custom",
  ],
  ["actor:ada@example.com", "who acted: an email or name, an API key prefix (vk_live_…), or an id"],
  ["target:ada@example.com", "what was acted on"],
  ["outcome:denied", "success, failure or denied"],
  ["ip:10.0.0.0/8", "an address or a CIDR range"],
  ["country:GB", "a two-letter country code"],
  ["created:>=2026-11-01", "also <=, >, <, a day (2026-11-01), a timestamp, or a range 2026-11-01..2026-11-30 (UTC)"],
  ["-outcome:success", "a leading - excludes"],
  [
    '"rotated key"',
    "free text in what the table shows (action, actor, target, IP, location) or metadata; quote spaces",
  ],
];

/** The audit search: one language, checked as it is typed, with a short reference a click away. */
export function AuditSearchBox({ orgSlug, value, onChange, onSubmit, error, busy, describeAction }: Props) {
  const inputId = useId();
  const errorId = useId();
  const helpId = useId();
  const listId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [caret, setCaret] = useState(value.length);
  /** null: the list is closed; `all`: opened from the keyboard on an empty term (every qualifier). */
  const [open, setOpen] = useState<null | { all: boolean }>(null);
  const [active, setActive] = useState(-1);
  const pendingCaret = useRef<number | null>(null);
  const term = useMemo(() => termAtCaret(value, Math.min(caret, value.length)), [value, caret]);
  const recent = useRecentValues(orgSlug, open ? term.qualifier : null, term.typed);
  const suggestions: SearchSuggestion[] = useMemo(
    () => (open ? suggestSearchTerms(term, { recent, all: open.all, describe: describeAction }) : []),
    [open, term, recent, describeAction],
  );
  const expanded = suggestions.length > 0;
  const activeIndex = active < suggestions.length ? active : -1;

  // The caret goes where a picked suggestion says, once React has written the new text.
  useLayoutEffect(() => {
    if (pendingCaret.current === null || !input.current) return;
    input.current.setSelectionRange(pendingCaret.current, pendingCaret.current);
    setCaret(pendingCaret.current);
    pendingCaret.current = null;
  }, [value]);

  const pick = (suggestion: SearchSuggestion) => {
    const next = applySuggestion(value, term, suggestion);
    pendingCaret.current = next.caret;
    onChange(next.text);
    setActive(-1);
    // After a qualifier its values come next; after a value the list closes until more is typed.
    setOpen({ all: false });
  };
  const readCaret = () => setCaret(input.current?.selectionStart ?? value.length);

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case "ArrowDown":
      case "ArrowUp": {
        event.preventDefault();
        if (!expanded) {
          setOpen({ all: true });
          setActive(-1);
          return;
        }
        const n = suggestions.length;
        if (activeIndex < 0) setActive(event.key === "ArrowDown" ? 0 : n - 1);
        else setActive((activeIndex + (event.key === "ArrowDown" ? 1 : -1) + n) % n);
        return;
      }
      case "Enter":
        if (expanded && activeIndex >= 0) {
          event.preventDefault();
          pick(suggestions[activeIndex]);
        } else setOpen(null);
        return;
      case "Tab":
        // Tab takes the option chosen with the arrows; with none chosen it moves on as usual.
        if (expanded && activeIndex >= 0 && !event.shiftKey) {
          event.preventDefault();
          pick(suggestions[activeIndex]);
        } else setOpen(null);
        return;
      case "Escape":
        // Closes the list and keeps the text (a search field's Escape would otherwise clear it).
        if (expanded) {
          event.preventDefault();
          setOpen(null);
          setActive(-1);
        }
        return;
    }
  };
  return (
    <form
      role="search"
      aria-label="Search the audit trail"
      onSubmit={(event) => {
        event.preventDefault();
        if (!error) onSubmit();
      }}
      className="space-y-1.5"
    >
      <div className="flex items-center justify-between">
        <label htmlFor={inputId} className="text-sm font-medium text-slate-700">
          Search
        </label>
        <button
          type="button"
          popoverTarget={helpId}
          className="rounded text-xs font-medium text-brand-600 hover:underline"
        >
          Search syntax
        </button>
      </div>
      <div className="flex gap-2">
        <div className="relative min-w-0 flex-1">
          <input
            ref={input}
            id={inputId}
            type="search"
            role="combobox"
            aria-expanded={expanded}
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={expanded && activeIndex >= 0 ? `${listId}-${activeIndex}` : undefined}
            value={value}
            onChange={(event) => {
              onChange(event.target.value);
              setCaret(event.target.selectionStart ?? event.target.value.length);
              setOpen({ all: false });
              setActive(-1);
            }}
            onKeyDown={onKeyDown}
            onKeyUp={(event) => {
              if (
                event.key === "ArrowLeft" ||
                event.key === "ArrowRight" ||
                event.key === "Home" ||
                event.key === "End"
              )
                readCaret();
            }}
            onClick={readCaret}
            onBlur={() => {
              setOpen(null);
              setActive(-1);
            }}
            spellCheck={false}
            autoComplete="off"
            placeholder='actor:ada@example.com created:>=2026-11-01 -outcome:success "key"'
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            className={
              `w-full rounded-md border px-3 py-1.5 font-mono text-sm ` +
              `${error ? "border-red-400 bg-red-50/30" : "border-slate-300"}`
            }
          />
          <ul
            id={listId}
            role="listbox"
            aria-label="Suggestions"
            hidden={!expanded}
            data-testid="search-suggestions"
            className={
              "absolute left-0 top-full z-30 mt-1 max-h-72 w-full min-w-[18rem] overflow-y-auto rounded-md " +
              "border border-slate-200 bg-white py-1 text-sm shadow-lg"
            }
          >
            {suggestions.map((suggestion, index) => (
              <li
                key={`${suggestion.kind}:${suggestion.label}`}
                id={`${listId}-${index}`}
                role="option"
                aria-selected={index === activeIndex}
                // Keeps the focus (and the caret) in the box while the option is clicked.
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => pick(suggestion)}
                onMouseMove={() => setActive(index)}
                className={
                  "flex cursor-pointer items-baseline justify-between gap-3 px-3 py-1.5 " +
                  (index === activeIndex ? "bg-brand-50 text-slate-900" : "text-slate-700")
                }
              >
                <span className="truncate font-mono text-xs">{suggestion.label}</span>
                {suggestion.hint ? <span className="truncate text-xs text-slate-600">{suggestion.hint}</span> : null}
              </li>
            ))}
          </ul>
        </div>
        <button
          type="submit"
          disabled={Boolean(error) || busy}
          className="rounded-md bg-brand-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        >
          Search
        </button>
      </div>
      <div id={errorId} aria-live="polite" className="space-y-1">
        {error ? (
          <>
            <MarkedQuery text={value} span={error} />
            <p className="text-sm text-red-700" data-testid="query-error">
              {error.message}
            </p>
          </>
        ) : null}
      </div>
      <div
        id={helpId}
        popover="auto"
        role="dialog"
        aria-label="Search syntax"
        className={
          "m-0 w-[min(36rem,calc(100vw-2rem))] rounded-lg border border-slate-200 bg-white p-4 text-sm " +
          "text-slate-700 shadow-lg [inset:auto] [position-area:bottom_span-left] " +
          "[position-try-fallbacks:flip-block]"
        }
      >
        <p className="mb-2 text-slate-600">Terms are combined with AND. Dates and times are UTC.</p>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5">
          {HELP.map(([example, meaning]) => (
            <div key={example} className="contents">
              <dt className="font-mono text-xs leading-5 text-slate-900">{example}</dt>
              <dd className="text-xs leading-5 text-slate-600">{meaning}</dd>
            </div>
          ))}
        </dl>
      </div>
    </form>
  );
}
