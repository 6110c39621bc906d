"use client";

import { useState } from "react";
import { buttonStyles } from "@/components/ui/dialog";
import type { ActionResult } from "@/lib/http/action-result";
import type { TSavedSearchView } from "@/lib/audit/saved-search-view";

export type SaveSearchAction = (orgSlug: string, input: unknown) => Promise<ActionResult<TSavedSearchView>>;
export type DeleteSearchAction = (orgSlug: string, input: unknown) => Promise<ActionResult<{ id: string }>>;

type Props = {
  orgSlug: string;
  initial: TSavedSearchView[];
  /** The search that runs now: what "Save" keeps. */
  query: string;
  onOpen: (query: string) => void;
  /** May delete others' shared searches (owners, admins). */
  canManageShared: boolean;
  save: SaveSearchAction;
  remove: DeleteSearchAction;
};

const field = "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm";

/** Saved searches: the reader's own and the organization's shared ones, to open, save and delete. */
export function SavedSearches({ orgSlug, initial, query, onOpen, canManageShared, save, remove }: Props) {
  const [searches, setSearches] = useState(initial);
  const [selected, setSelected] = useState("");
  const [saving, setSaving] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const current = searches.find((search) => search.id === selected) ?? null;
  const mine = searches.filter((search) => search.mine);
  const shared = searches.filter((search) => !search.mine);

  const submit = async (form: FormData) => {
    const result = await save(orgSlug, { name: form.get("name"), query, shared: form.get("shared") === "on" });
    if (!result.ok) return setMessage({ text: result.fieldErrors?.name?.[0] ?? result.error, error: true });
    setSearches((list) => [...list, result.data].sort((a, b) => a.name.localeCompare(b.name)));
    setSelected(result.data.id);
    setSaving(false);
    setMessage({
      text: `Saved "${result.data.name}"${result.data.shared ? ", shared with the organization" : ""}.`,
      error: false,
    });
  };
  const confirmDelete = async () => {
    if (!current) return;
    const result = await remove(orgSlug, { id: current.id });
    setConfirming(false);
    if (!result.ok) return setMessage({ text: result.error, error: true });
    setSearches((list) => list.filter((search) => search.id !== current.id));
    setSelected("");
    setMessage({ text: `Deleted "${current.name}".`, error: false });
  };

  return (
    <div className="space-y-2 text-sm" data-testid="saved-searches">
      <div className="flex flex-wrap items-end gap-2">
        <label className="text-slate-600">
          Saved searches
          <select
            value={selected}
            onChange={(event) => {
              setSelected(event.target.value);
              setConfirming(false);
              const search = searches.find((candidate) => candidate.id === event.target.value);
              if (search) onOpen(search.query);
            }}
            className={`ml-2 ${field}`}
          >
            <option value="">{searches.length ? "Choose a saved search" : "None saved yet"}</option>
            {mine.length ? (
              <optgroup label="Yours">
                {mine.map((search) => (
                  <option key={search.id} value={search.id}>
                    {search.name}
                    {search.shared ? " (shared)" : ""}
                  </option>
                ))}
              </optgroup>
            ) : null}
            {shared.length ? (
              <optgroup label="Shared in this organization">
                {shared.map((search) => (
                  <option key={search.id} value={search.id}>
                    {search.name}
                  </option>
                ))}
              </optgroup>
            ) : null}
          </select>
        </label>
        {current && (current.mine || canManageShared) && !confirming ? (
          <button type="button" onClick={() => setConfirming(true)} className={buttonStyles.secondary}>
            Delete…
          </button>
        ) : null}
        <button
          type="button"
          onClick={() => setSaving(!saving)}
          disabled={!query}
          title={query ? undefined : "Search for something to save it"}
          className={buttonStyles.secondary}
          aria-expanded={saving}
        >
          Save this search…
        </button>
      </div>
      {confirming && current ? (
        <div
          role="alertdialog"
          aria-label="Delete saved search"
          className="flex flex-wrap items-center gap-2 rounded-md bg-amber-50 p-2"
        >
          <span>
            Delete &ldquo;{current.name}&rdquo;{current.shared ? " for everyone in the organization" : ""}?
          </span>
          <button type="button" onClick={confirmDelete} className={buttonStyles.danger}>
            Delete
          </button>
          <button type="button" onClick={() => setConfirming(false)} className={buttonStyles.secondary}>
            Cancel
          </button>
        </div>
      ) : null}
      {saving ? (
        <form
          method="post"
          aria-label="Save this search"
          className="flex flex-wrap items-end gap-3 rounded-md bg-slate-50 p-2"
          onSubmit={(event) => {
            event.preventDefault();
            void submit(new FormData(event.currentTarget));
          }}
        >
          <label className="text-slate-600">
            Name
            <input name="name" required maxLength={80} className={`ml-2 ${field}`} />
          </label>
          <label className="flex items-center gap-1.5 text-slate-700">
            <input type="checkbox" name="shared" />
            Share with the organization
          </label>
          <button type="submit" className={buttonStyles.primary}>
            Save
          </button>
        </form>
      ) : null}
      <p role="status" className={message?.error ? "text-red-700" : "text-slate-600"}>
        {message?.text ?? ""}
      </p>
    </div>
  );
}
