"use client";

import { useId } from "react";

type Span = { position: number; length: number };

type Props = {
  value: string;
  onChange: (value: string) => void;
  /** Runs the search; only called when it parses. */
  onSubmit: () => void;
  /** The first problem with the text as typed (checked in the browser), or one the server found. */
  error: ({ message: string } & Span) | null;
  busy: boolean;
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
export function AuditSearchBox({ value, onChange, onSubmit, error, busy }: Props) {
  const inputId = useId();
  const errorId = useId();
  const helpId = useId();
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
        <input
          id={inputId}
          type="search"
          value={value}
          onChange={(event) => onChange(event.target.value)}
          spellCheck={false}
          autoComplete="off"
          placeholder='actor:ada@example.com created:>=2026-11-01 -outcome:success "key"'
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          className={
            `min-w-0 flex-1 rounded-md border px-3 py-1.5 font-mono text-sm ` +
            `${error ? "border-red-400 bg-red-50/30" : "border-slate-300"}`
          }
        />
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
