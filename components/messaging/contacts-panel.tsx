"use client";

import { createColumnHelper } from "@tanstack/react-table";
import { DataTable, type DataTableColumns } from "@/components/ui/data-table";
import { buttonStyles } from "@/components/ui/dialog";
import { inputStyles } from "@/components/ui/field-errors";
import type { ContactView } from "@/lib/messaging/panel/panel-views";
import { ActionForm, Field, optionalText, type MessagingAction } from "./action-form";
import { ConsentHistory, type ConsentActions } from "./consent-history";
import { ContactManage, type ContactManageActions } from "./contact-manage";

type Props = {
  orgSlug: string;
  contacts: ContactView[];
  total: number;
  q: string;
  actions: (ConsentActions & ContactManageActions & { create: MessagingAction<{ id: string; phone: string }> }) | null;
};

const consentState = (contact: ContactView) =>
  contact.optedOutAt
    ? "Opted out"
    : contact.consents.some((consent) => !consent.revokedAt)
      ? "Consent on file"
      : contact.consents.length
        ? "Consent revoked"
        : "No consent";

const column = createColumnHelper<ContactView>();

/** The org's contacts (leads): search, add, and each one's consent history under its row. */
export function ContactsPanel({ orgSlug, contacts, total, q, actions }: Props) {
  const columns: DataTableColumns<ContactView> = [
    column.display({
      id: "open",
      header: () => <span className="sr-only">Consent history and changes</span>,
      cell: ({ row }) => (
        <button
          type="button"
          onClick={row.getToggleExpandedHandler()}
          aria-expanded={row.getIsExpanded()}
          aria-controls={`consents-${row.id}`}
          className="rounded px-1.5 text-slate-600 hover:bg-slate-100"
          aria-label={`Consent history and changes of ${row.original.phoneE164}`}
        >
          {row.getIsExpanded() ? "▾" : "▸"}
        </button>
      ),
    }),
    column.accessor("phoneE164", { header: "Number", meta: { cellClassName: "font-mono" } }),
    column.accessor("name", { header: "Name", cell: (info) => info.getValue() || "—" }),
    column.accessor("state", { header: "State", cell: (info) => info.getValue() ?? "—" }),
    column.accessor("timeZone", { header: "Time zone", cell: (info) => info.getValue() ?? "derived" }),
    column.accessor(consentState, { id: "consent", header: "SMS consent" }),
  ];
  return (
    <div className="space-y-6">
      {actions ? (
        <section
          aria-labelledby="contact-add-heading"
          className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
        >
          <h2 id="contact-add-heading" className="text-base font-semibold text-slate-900">
            Add a contact
          </h2>
          <ActionForm
            orgSlug={orgSlug}
            label="Add a contact"
            action={actions.create}
            read={(form) => {
              const source = optionalText(form, "consentSource");
              const textShown = optionalText(form, "consentText");
              return {
                phone: String(form.get("phone") ?? ""),
                name: optionalText(form, "name"),
                state: optionalText(form, "state")?.toUpperCase(),
                zip: optionalText(form, "zip"),
                ...(source || textShown ? { consent: { source: source ?? "", textShown: textShown ?? "" } } : {}),
              };
            }}
            submitLabel="Add contact"
            pendingLabel="Adding…"
            onDone={(contact) => `Added ${contact.phone}.`}
            className="grid gap-3 sm:grid-cols-3"
          >
            <Field name="phone" label="Phone number" placeholder="+1 305 555 0100" />
            <Field name="name" label="Name (optional)" />
            <Field name="state" label="State (optional)" placeholder="FL" maxLength={2} />
            <Field name="zip" label="ZIP (optional)" maxLength={10} />
            <Field name="consentSource" label="Consent given via (optional)" placeholder="web form" />
            <Field name="consentText" label="Consent text shown (optional)" />
          </ActionForm>
        </section>
      ) : null}
      <section aria-labelledby="contacts-heading" className="space-y-3">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <h2 id="contacts-heading" className="text-base font-semibold text-slate-900">
            {total.toLocaleString("en-US")} contact{total === 1 ? "" : "s"}
          </h2>
          <form method="get" role="search" aria-label="Search contacts" className="flex items-end gap-2">
            <label htmlFor="contacts-search" className="sr-only">
              Name or number
            </label>
            <input
              id="contacts-search"
              name="q"
              defaultValue={q}
              placeholder="Name or number"
              className={`${inputStyles} w-56`}
            />
            <button type="submit" className={buttonStyles.secondary}>
              Search
            </button>
          </form>
        </div>
        <DataTable
          label="Contacts"
          data={contacts}
          columns={columns}
          getRowId={(row) => row.id}
          rowTestId="contact-row"
          expanded={{
            id: (rowId) => `consents-${rowId}`,
            render: (contact) => (
              <>
                <ConsentHistory
                  orgSlug={orgSlug}
                  contact={contact}
                  actions={actions ? { record: actions.record, revoke: actions.revoke } : null}
                />
                {actions ? (
                  <ContactManage
                    orgSlug={orgSlug}
                    contact={contact}
                    actions={{ update: actions.update, remove: actions.remove }}
                  />
                ) : null}
              </>
            ),
          }}
          empty={
            q ? (
              <p>No contact matches “{q}”.</p>
            ) : (
              <>
                <h3 className="text-base font-semibold text-slate-900">No contacts yet</h3>
                <p className="mx-auto mt-1 max-w-prose">
                  The gate sends only to contacts (leads) of the organization with SMS consent on file. Add them here or
                  through the API (POST /api/v1/contacts).
                </p>
              </>
            )
          }
        />
      </section>
    </div>
  );
}
