"use client";

import { useId, useRef, useState } from "react";
import type { Snippets } from "@/lib/rest/api-snippets";
import { useApiDocs, type SnippetLanguage } from "./api-docs-context";

const LANGUAGES: { id: SnippetLanguage; label: string }[] = [
  { id: "curl", label: "curl" },
  { id: "javascript", label: "JavaScript" },
  { id: "python", label: "Python" },
];

/** An operation's call in curl, JavaScript and Python, as tabs (arrow keys move between them), with Copy. */
export function SnippetTabs({ snippets, operation }: { snippets: Snippets; operation: string }) {
  const { language, setLanguage } = useApiDocs();
  const [copied, setCopied] = useState<"copied" | "failed" | null>(null);
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const preRef = useRef<HTMLPreElement>(null);
  const id = useId();
  const current = LANGUAGES.find((entry) => entry.id === language)!;

  const choose = (index: number) => {
    const next = LANGUAGES[(index + LANGUAGES.length) % LANGUAGES.length];
    setLanguage(next.id);
    setCopied(null);
    tabs.current[(index + LANGUAGES.length) % LANGUAGES.length]?.focus();
  };
  const onKeyDown = (event: React.KeyboardEvent, index: number) => {
    if (event.key === "ArrowRight") choose(index + 1);
    else if (event.key === "ArrowLeft") choose(index - 1);
    else if (event.key === "Home") choose(0);
    else if (event.key === "End") choose(LANGUAGES.length - 1);
    else return;
    event.preventDefault();
  };
  async function copy() {
    try {
      await navigator.clipboard.writeText(snippets[language]);
      setCopied("copied");
    } catch {
      // No clipboard access: select the snippet so Ctrl+C works.
      const selection = window.getSelection();
      if (preRef.current && selection) selection.selectAllChildren(preRef.current);
      setCopied("failed");
    }
  }

  return (
    <div className="min-w-0 rounded-md bg-slate-900">
      <div className="flex items-center justify-between gap-2 border-b border-slate-700 px-2">
        <div role="tablist" aria-label={`Example call of ${operation}`} className="flex">
          {LANGUAGES.map((entry, index) => (
            <button
              key={entry.id}
              ref={(element) => {
                tabs.current[index] = element;
              }}
              type="button"
              role="tab"
              id={`${id}-${entry.id}`}
              aria-selected={entry.id === language}
              aria-controls={`${id}-panel`}
              tabIndex={entry.id === language ? 0 : -1}
              onClick={() => choose(index)}
              onKeyDown={(event) => onKeyDown(event, index)}
              className={
                "px-2.5 py-2 text-xs font-medium focus-visible:outline-2 focus-visible:outline-offset-[-2px] " +
                "focus-visible:outline-sky-300 " +
                (entry.id === language ? "border-b-2 border-sky-300 text-white" : "text-slate-300 hover:text-white")
              }
            >
              {entry.label}
            </button>
          ))}
        </div>
        <button
          type="button"
          onClick={copy}
          aria-label={`Copy the ${current.label} call of ${operation}`}
          className={
            "rounded px-2 py-1 text-xs font-medium text-slate-100 ring-1 ring-slate-600 hover:bg-slate-800 " +
            "focus-visible:outline-2 focus-visible:outline-sky-300"
          }
        >
          {copied === "copied" ? "Copied" : "Copy"}
        </button>
      </div>
      <pre
        ref={preRef}
        id={`${id}-panel`}
        role="tabpanel"
        aria-labelledby={`${id}-${language}`}
        tabIndex={0}
        data-testid="snippet"
        data-language={language}
        className="overflow-x-auto p-3 font-mono text-xs text-slate-100 focus-visible:outline-2 focus-visible:outline-sky-300"
      >
        {snippets[language]}
      </pre>
      <p aria-live="polite" className="sr-only">
        {copied === "copied"
          ? `Copied the ${current.label} call to the clipboard.`
          : copied === "failed"
            ? "The browser refused clipboard access: the call is selected, press Ctrl+C."
            : ""}
      </p>
    </div>
  );
}
