"use client";

import { createColumnHelper } from "@tanstack/react-table";
import { DataTable, type DataTableColumns } from "@/components/ui/data-table";
import { inputStyles } from "@/components/ui/field-errors";
import { buttonStyles } from "@/components/ui/dialog";
import type { DncEntryView } from "@/lib/messaging/panel/panel-views";
import { ActionForm, Field, optionalText, type MessagingAction } from "./action-form";
import { DncImportUpload } from "./dnc-import-upload";
import { utcTime } from "./reason-labels";

type Props = {
  orgSlug: string;
  entries: DncEntryView[];
  total: number;
  q: string;
  /** Null without messaging.manage: the list is read-only. */
  addAction: MessagingAction<{ phone: string; cancelledMessages: number }> | null;
};

const column = createColumnHelper<DncEntryView>();
const COLUMNS: DataTableColumns<DncEntryView> = [
  column.accessor("phoneE164", { header: "Number", meta: { cellClassName: "font-mono" } }),
  column.accessor("reason", { header: "Reason", cell: (info) => info.getValue() || "—" }),
  column.accessor("source", { header: "Source" }),
  column.accessor("addedAt", { header: "Added", cell: (info) => utcTime(info.getValue()) }),
  column.accessor("addedBy", { header: "By" }),
];

/** The Do Not Contact list: search, add one number, import a CSV with progress, export the whole list. */
export function DncPanel({ orgSlug, entries, total, q, addAction }: Props) {
  return (
    <div className="space-y-6">
      {addAction ? (
        <div className="grid gap-4 lg:grid-cols-2">
          <section
            aria-labelledby="dnc-add-heading"
            className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
          >
            <h2 id="dnc-add-heading" className="text-base font-semibold text-slate-900">
              Add a number
            </h2>
            <ActionForm
              orgSlug={orgSlug}
              label="Add a number to the Do Not Contact list"
              action={addAction}
              read={(form) => ({
                phone: String(form.get("phone") ?? ""),
                reason: optionalText(form, "reason"),
                source: optionalText(form, "source"),
              })}
              submitLabel="Add to the list"
              pendingLabel="Adding…"
              onDone={(added) =>
                `Added ${added.phone}.` +
                (added.cancelledMessages ? ` ${added.cancelledMessages} scheduled message(s) cancelled.` : "")
              }
            >
              <Field name="phone" label="Phone number" placeholder="+1 202 555 0100" required />
              <Field name="reason" label="Reason (optional)" maxLength={500} />
              <Field name="source" label="Source (optional)" placeholder="manual" maxLength={100} />
            </ActionForm>
          </section>
          <DncImportUpload orgSlug={orgSlug} />
        </div>
      ) : null}
      <section aria-labelledby="dnc-list-heading" className="space-y-3">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <h2 id="dnc-list-heading" className="text-base font-semibold text-slate-900">
            On the list: {total.toLocaleString("en-US")} number{total === 1 ? "" : "s"}
          </h2>
          <div className="flex flex-wrap items-end gap-2">
            <form method="get" role="search" aria-label="Search the list" className="flex items-end gap-2">
              <label htmlFor="dnc-search" className="sr-only">
                Digits of the number
              </label>
              <input
                id="dnc-search"
                name="q"
                defaultValue={q}
                placeholder="Digits of the number"
                className={`${inputStyles} w-56`}
              />
              <button type="submit" className={buttonStyles.secondary}>
                Search
              </button>
            </form>
            {addAction ? (
              <a href={`/api/orgs/${orgSlug}/messaging/dnc/export`} className={buttonStyles.secondary} download>
                Export CSV
              </a>
            ) : null}
          </div>
        </div>
        <DataTable
          label="Do Not Contact list"
          data={entries}
          columns={COLUMNS}
          getRowId={(row) => row.phoneE164}
          rowTestId="dnc-row"
          sorting="client"
          empty={
            q ? (
              <p>No number on the list contains “{q}”.</p>
            ) : (
              <>
                <h3 className="text-base font-semibold text-slate-900">The Do Not Contact list is empty</h3>
                <p className="mx-auto mt-1 max-w-prose">
                  A number on this list is never sent to: the gate blocks it before any other check, and its scheduled
                  messages are cancelled when it is added. Add numbers one at a time or import a CSV.
                </p>
              </>
            )
          }
        />
        {entries.length && total > entries.length && !q ? (
          <p className="text-xs text-slate-500">
            The newest {entries.length} of {total.toLocaleString("en-US")}: search by digits, or export the whole list.
          </p>
        ) : null}
      </section>
    </div>
  );
}
