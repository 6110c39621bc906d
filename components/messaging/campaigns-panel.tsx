"use client";

import { createColumnHelper } from "@tanstack/react-table";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DataTable, type DataTableColumns } from "@/components/ui/data-table";
import { buttonStyles } from "@/components/ui/dialog";
import type { CampaignView } from "@/lib/messaging/panel/panel-views";
import { ActionForm, Field, optionalText, type MessagingAction } from "./action-form";
import { utcTime } from "./reason-labels";

const column = createColumnHelper<CampaignView>();
const COLUMNS: DataTableColumns<CampaignView> = [
  column.accessor("name", { header: "Name" }),
  column.accessor("purpose", { header: "Purpose" }),
  column.accessor((row) => row.states.join(", ") || "—", { id: "states", header: "Extra state rules" }),
  column.accessor("maxPer24h", { header: "Cap per 24 h", cell: (info) => info.getValue() ?? "states' caps" }),
  column.accessor("ruleOverrides", {
    header: "Overrides",
    meta: { cellClassName: "font-mono text-xs" },
    cell: (info) => (info.getValue() === "{}" ? "—" : info.getValue()),
  }),
  column.accessor("createdAt", { header: "Created", cell: (info) => utcTime(info.getValue()) }),
  column.accessor("archivedAt", { header: "Status", cell: (info) => (info.getValue() ? "Archived" : "Live") }),
];

/** The org's campaigns, and (messaging.manage) a form to create one and a way to archive a live one. */
export function CampaignsPanel({
  orgSlug,
  campaigns,
  createAction,
  archiveAction,
}: {
  orgSlug: string;
  campaigns: CampaignView[];
  createAction: MessagingAction<{ id: string; name: string }> | null;
  archiveAction: MessagingAction<{ id: string; name: string }> | null;
}) {
  const router = useRouter();
  const [archiving, setArchiving] = useState<CampaignView | null>(null);
  const columns: DataTableColumns<CampaignView> = archiveAction
    ? [
        ...COLUMNS,
        column.display({
          id: "actions",
          header: () => <span className="sr-only">Archive</span>,
          cell: ({ row }) =>
            row.original.archivedAt ? null : (
              <button
                type="button"
                className={buttonStyles.secondary}
                onClick={() => setArchiving(row.original)}
                aria-label={`Archive the campaign ${row.original.name}`}
              >
                Archive
              </button>
            ),
        }),
      ]
    : COLUMNS;
  return (
    <div className="space-y-4">
      {createAction ? (
        <ActionForm
          orgSlug={orgSlug}
          label="Create a campaign"
          action={createAction}
          read={(form) => {
            const cap = optionalText(form, "maxPer24h");
            return {
              name: String(form.get("name") ?? ""),
              purpose: String(form.get("purpose") ?? "marketing"),
              states: (optionalText(form, "states") ?? "")
                .split(/[\s,]+/)
                .filter(Boolean)
                .map((state) => state.toUpperCase()),
              maxPer24h: cap === undefined ? null : Number(cap),
            };
          }}
          submitLabel="Create campaign"
          pendingLabel="Creating…"
          onDone={(campaign) => `Created the campaign “${campaign.name}”.`}
          className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-4"
        >
          <Field name="name" label="Name" />
          <Field
            name="purpose"
            label="Purpose"
            options={[
              { value: "marketing", label: "Marketing" },
              { value: "informational", label: "Informational" },
            ]}
          />
          <Field name="states" label="Extra state rules (optional)" placeholder="FL, OK" />
          <Field name="maxPer24h" label="Cap per number per 24 h (optional)" type="number" />
        </ActionForm>
      ) : null}
      <DataTable
        label="Campaigns"
        data={campaigns}
        columns={columns}
        getRowId={(row) => row.id}
        rowTestId="campaign-row"
        sorting="client"
        empty={
          <>
            <h3 className="text-base font-semibold text-slate-900">No campaigns yet</h3>
            <p className="mx-auto mt-1 max-w-prose">
              A campaign names a purpose (marketing or informational), the states whose rules apply to every recipient,
              and its own cap per number; its rules can be tightened, never loosened.
            </p>
          </>
        }
      />
      {archiving && archiveAction ? (
        <ConfirmDialog
          title={`Archive the campaign “${archiving.name}”?`}
          confirmLabel="Archive the campaign"
          pendingLabel="Archiving…"
          onClose={() => setArchiving(null)}
          onConfirm={async () => {
            const result = await archiveAction(orgSlug, { id: archiving.id });
            if (!result.ok) return result.error;
            setArchiving(null);
            router.refresh();
            return null;
          }}
        >
          <p>
            From now on the gate blocks every message of this campaign (campaign_archived), scheduled ones included when
            their time comes. An archived campaign cannot be changed or brought back. The archiving is on the record.
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
