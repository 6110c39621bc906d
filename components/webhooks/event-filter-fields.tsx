"use client";

import { useId } from "react";
import { FieldErrors } from "@/components/ui/field-errors";
import { AUDIT_CATEGORIES } from "@/lib/audit/event-catalog";
import { actionProblem, parseActions } from "./event-filter";

export type EventFilterValue = { mode: "all" | "some"; categories: string[]; actionsText: string };

export function filterValueOf(endpoint: { categories: string[]; actions: string[] }): EventFilterValue {
  const all = endpoint.categories.length === 0 && endpoint.actions.length === 0;
  return { mode: all ? "all" : "some", categories: endpoint.categories, actionsText: endpoint.actions.join("\n") };
}

export const NOTHING_PICKED = "Pick at least one category or action, or choose All events.";

/**
 * What the form sends, and what is wrong with it before it is sent. An empty filter means every
 * event to the server, so "Only some events" with nothing picked is refused here rather than
 * silently becoming "all".
 */
export function checkFilter(value: EventFilterValue): { categories: string[]; actions: string[]; problems: string[] } {
  if (value.mode === "all") return { categories: [], actions: [], problems: [] };
  const entries = parseActions(value.actionsText);
  const problems = entries.filter((entry) => !entry.ok).map(actionProblem);
  if (value.categories.length === 0 && entries.length === 0) problems.push(NOTHING_PICKED);
  return { categories: value.categories, actions: entries.map((entry) => entry.text), problems };
}

const CATEGORY_HINTS: Partial<Record<string, string>> = {
  authentication: "sign-ins, lockouts, 2FA, step-ups",
  access: "denials, cross-tenant attempts, members and roles",
  credentials: "password resets",
  api_keys: "keys created, rolled, revoked",
  webhooks: "these endpoints themselves",
  org_settings: "name, settings, security policy",
  billing: "plans, seats, payment methods, invoices",
  privacy: "personal data exports",
  audit: "trail exports and chain verifications",
  custom: "events your systems record",
};

type Props = {
  value: EventFilterValue;
  onChange: (value: EventFilterValue) => void;
  /** Shown under the actions field: the client's own checks (as typed) and the server's. */
  actionErrors?: string[];
  categoryErrors?: string[];
};

export function EventFilterFields({ value, onChange, actionErrors, categoryErrors }: Props) {
  const id = useId();
  const entries = parseActions(value.actionsText);
  const typedProblems = entries.filter((entry) => !entry.ok).map(actionProblem);
  const shownActionErrors = [...new Set([...typedProblems, ...(actionErrors ?? [])])];
  const toggle = (category: string, checked: boolean) =>
    onChange({
      ...value,
      categories: checked ? [...value.categories, category] : value.categories.filter((item) => item !== category),
    });

  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium text-slate-700">Events</legend>
      <div className="flex flex-wrap gap-4">
        <label className="inline-flex items-center gap-2 text-sm">
          <input
            type="radio"
            name={`${id}-mode`}
            checked={value.mode === "all"}
            onChange={() => onChange({ ...value, mode: "all" })}
          />
          All events
        </label>
        <label className="inline-flex items-center gap-2 text-sm">
          <input
            type="radio"
            name={`${id}-mode`}
            checked={value.mode === "some"}
            onChange={() => onChange({ ...value, mode: "some" })}
          />
          Only some events
        </label>
      </div>
      {value.mode === "some" ? (
        <div className="space-y-4 rounded-md border border-slate-200 p-3">
          <fieldset
            className="space-y-1.5"
            aria-describedby={categoryErrors?.length ? `${id}-categories-error` : undefined}
          >
            <legend className="text-sm font-medium text-slate-700">Categories</legend>
            <div className="grid gap-1.5 sm:grid-cols-2">
              {AUDIT_CATEGORIES.map((category) => (
                <label key={category} className="flex items-start gap-2 text-sm">
                  <input
                    type="checkbox"
                    className="mt-0.5"
                    checked={value.categories.includes(category)}
                    onChange={(event) => toggle(category, event.target.checked)}
                  />
                  <span>
                    <span className="font-mono text-xs">{category}</span>
                    {CATEGORY_HINTS[category] ? (
                      <span className="block text-xs text-slate-500">{CATEGORY_HINTS[category]}</span>
                    ) : null}
                  </span>
                </label>
              ))}
            </div>
            <FieldErrors id={`${id}-categories-error`} errors={categoryErrors} />
          </fieldset>
          <div className="space-y-1">
            <label htmlFor={`${id}-actions`} className="block text-sm font-medium text-slate-700">
              Actions
            </label>
            <textarea
              id={`${id}-actions`}
              rows={3}
              value={value.actionsText}
              onChange={(event) => onChange({ ...value, actionsText: event.target.value })}
              spellCheck={false}
              placeholder={"member.invited\napi_key.*"}
              aria-invalid={shownActionErrors.length ? true : undefined}
              aria-describedby={[`${id}-actions-hint`, shownActionErrors.length ? `${id}-actions-error` : null]
                .filter(Boolean)
                .join(" ")}
              className={
                "block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm shadow-sm " +
                "focus:border-brand-600 focus:outline-none aria-invalid:border-red-500"
              }
            />
            <p id={`${id}-actions-hint`} className="text-xs text-slate-500">
              One per line or comma separated. <span className="font-mono">member.*</span> matches every action that
              starts with <span className="font-mono">member.</span> An event is sent when it matches a category or an
              action.
            </p>
            <FieldErrors id={`${id}-actions-error`} errors={shownActionErrors} />
          </div>
        </div>
      ) : null}
    </fieldset>
  );
}
