"use client";

import { useEffect, useState } from "react";
import { AUDIT_CATEGORIES, AUDIT_EVENTS } from "@/lib/audit/event-catalog";
import { type FacetQualifier, type FacetValues } from "./query-facets";
import { TimeRangePicker } from "./time-range-picker";

type Props = {
  values: FacetValues;
  /** Writes one qualifier into the search (null removes it) and runs it. */
  onSet: (qualifier: FacetQualifier, value: string | null) => void;
  /** Unreadable search text: the facets wait until it is fixed rather than guess. */
  disabled: boolean;
};

const ACTIONS = Object.keys(AUDIT_EVENTS).sort();
/** `member.*`, `api_key.*`…: every family of actions, for a prefix match. */
const ACTION_FAMILIES = [...new Set(ACTIONS.map((action) => `${action.split(".")[0]}.*`))].sort();
const OUTCOMES = ["success", "failure", "denied"];

const fieldStyle =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm disabled:bg-slate-50 disabled:text-slate-400";

/** Facet controls: each one shows and edits its qualifier in the search text, nothing else. */
export function AuditFacets({ values, onSet, disabled }: Props) {
  const [actor, setActor] = useState(values.actor);
  // The search text is the source of truth: follow it when it changes elsewhere (typing, back/forward).
  useEffect(() => setActor(values.actor), [values.actor]);

  return (
    <fieldset
      disabled={disabled}
      className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6"
      aria-describedby={disabled ? "facets-disabled" : undefined}
    >
      <legend className="sr-only">Filters</legend>
      <label className="text-sm text-slate-600">
        Category
        <select
          value={values.category}
          onChange={(event) => onSet("category", event.target.value || null)}
          className={fieldStyle}
        >
          <option value="">Any category</option>
          {AUDIT_CATEGORIES.map((category) => (
            <option key={category} value={category}>
              {category}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm text-slate-600">
        Action
        <select
          value={values.action}
          onChange={(event) => onSet("action", event.target.value || null)}
          className={fieldStyle}
        >
          <option value="">Any action</option>
          {values.action && !ACTIONS.includes(values.action) && !ACTION_FAMILIES.includes(values.action) ? (
            <option value={values.action}>{values.action}</option>
          ) : null}
          <optgroup label="Families">
            {ACTION_FAMILIES.map((family) => (
              <option key={family} value={family}>
                {family}
              </option>
            ))}
          </optgroup>
          <optgroup label="Actions">
            {ACTIONS.map((action) => (
              <option key={action} value={action}>
                {action}
              </option>
            ))}
          </optgroup>
        </select>
      </label>
      <form
        className="text-sm text-slate-600"
        onSubmit={(event) => {
          event.preventDefault();
          onSet("actor", actor.trim() || null);
        }}
      >
        <label>
          Actor
          <input
            type="text"
            value={actor}
            onChange={(event) => setActor(event.target.value)}
            onBlur={() => {
              if (actor.trim() !== values.actor) onSet("actor", actor.trim() || null);
            }}
            placeholder="Email, key prefix or id"
            className={fieldStyle}
          />
        </label>
      </form>
      <label className="text-sm text-slate-600">
        Outcome
        <select
          value={values.outcome}
          onChange={(event) => onSet("outcome", event.target.value || null)}
          className={fieldStyle}
        >
          <option value="">Any outcome</option>
          {OUTCOMES.map((outcome) => (
            <option key={outcome} value={outcome}>
              {outcome}
            </option>
          ))}
        </select>
      </label>
      <TimeRangePicker
        since={values.since}
        until={values.until}
        onSet={(value) => onSet("created", value)}
        fieldStyle={fieldStyle}
      />
      {disabled ? (
        <p id="facets-disabled" className="col-span-full text-xs text-slate-500">
          Fix the search above to use the filters.
        </p>
      ) : null}
    </fieldset>
  );
}
