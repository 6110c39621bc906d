"use client";

import { useEffect, useState } from "react";
import { isRecentValueQualifier } from "@/lib/audit/search/search-suggestions";
import { auditEntriesPath } from "./audit-api";

/** A short pause after a key, so typing a name asks the server once, not once per letter. */
const PAUSE_MS = 150;
const NONE: readonly string[] = [];

/**
 * The organization's recent values for the qualifier being typed (actor:, target:, ip:, country:), holding what is
 * typed: the search box's known values. Answers are kept for the page's life; a failure suggests nothing.
 */
export function useRecentValues(orgSlug: string, qualifier: string | null, typed: string): readonly string[] {
  const [answers, setAnswers] = useState<ReadonlyMap<string, readonly string[]>>(new Map());
  const field = isRecentValueQualifier(qualifier) ? qualifier : null;
  const key = field ? `${field}\u0000${typed}` : null;
  const known = key ? answers.get(key) : undefined;
  useEffect(() => {
    if (!field || !key || known) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const params = new URLSearchParams({ field, typed });
        const response = await fetch(`${auditEntriesPath(orgSlug)}/values?${params}`, {
          signal: controller.signal,
          headers: { accept: "application/json" },
        });
        const values = response.ok ? ((await response.json()) as { values: string[] }).values : [];
        setAnswers((previous) => new Map(previous).set(key, values));
      } catch {
        // Aborted (more was typed) or offline: the box works without suggestions.
      }
    }, PAUSE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [orgSlug, field, typed, key, known]);
  return known ?? NONE;
}
