"use client";

import { createColumnHelper } from "@tanstack/react-table";
import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import type { TApiKeyView } from "@/lib/api-keys/schemas";
import { ApiKeyStatus, EnvironmentBadge, STATUS_ORDER } from "./api-key-status";
import { maskedKey, relative, utc } from "./format";

type Props = {
  orgSlug: string;
  apiKeys: TApiKeyView[];
  /** The server's clock at render, so relative times read the same on both sides. */
  now: string;
  /** Only those who may manage every key see whose key it is. */
  showCreator: boolean;
  /** The viewer: only a key's holder may roll it (a roll reveals a new secret); others may only revoke it. */
  viewerId: string;
  onRoll: (apiKey: TApiKeyView) => void;
  onRevoke: (apiKey: TApiKeyView) => void;
};

const column = createColumnHelper<TApiKeyView>();
const SCOPES_SHOWN = 3;
const ended = (apiKey: TApiKeyView) => apiKey.status === "revoked" || apiKey.status === "expired";

function Scopes({ scopes }: { scopes: string[] }) {
  const shown = scopes.slice(0, SCOPES_SHOWN);
  return (
    <ul className="flex max-w-52 flex-wrap gap-1" title={scopes.join(", ")}>
      {shown.map((scope) => (
        <li key={scope} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">
          {scope}
        </li>
      ))}
      {scopes.length > SCOPES_SHOWN ? (
        <li className="px-1 py-0.5 text-xs text-slate-500">+{scopes.length - SCOPES_SHOWN} more</li>
      ) : null}
    </ul>
  );
}

/** The organization's API keys (or the viewer's own): sortable on the client, every control a real button. */
export function ApiKeysTable({ orgSlug, apiKeys, now, showCreator, viewerId, onRoll, onRevoke }: Props) {
  const columns = [
    column.accessor("name", {
      header: "Name",
      cell: ({ row: { original } }) => (
        <div className="min-w-32">
          <Link
            href={`/${orgSlug}/api-keys/${original.id}`}
            className="block font-medium text-slate-900 underline-offset-2 hover:text-brand-700 hover:underline"
          >
            {original.name}
          </Link>
          <code className="whitespace-nowrap font-mono text-xs text-slate-600">{maskedKey(original)}</code>
        </div>
      ),
    }),
    column.accessor("environment", {
      header: "Env",
      cell: (info) => <EnvironmentBadge environment={info.getValue()} />,
    }),
    column.accessor("scopes", {
      header: "Scopes",
      enableSorting: false,
      cell: ({ row: { original } }) => (
        <div className="space-y-1">
          {original.readOnly ? (
            <span
              className={
                "inline-block rounded bg-amber-50 px-1.5 py-0.5 text-xs font-medium text-amber-800 " +
                "ring-1 ring-inset ring-amber-200"
              }
            >
              Read-only
            </span>
          ) : (
            <span className="text-xs text-slate-500">Read &amp; write</span>
          )}
          <Scopes scopes={original.scopes} />
        </div>
      ),
    }),
    column.accessor("allowedCidrs", {
      header: "Allowed ranges",
      enableSorting: false,
      cell: (info) =>
        info.getValue().length ? (
          <ul className="space-y-0.5 font-mono text-xs">
            {info.getValue().map((range) => (
              <li key={range}>{range}</li>
            ))}
          </ul>
        ) : (
          <span className="text-slate-500">Any address</span>
        ),
    }),
    // A revoked key no longer expires: it says when it was revoked instead.
    column.accessor((row) => row.revokedAt ?? row.expiresAt, {
      id: "expiresAt",
      header: "Expires",
      cell: ({ row: { original } }) =>
        original.revokedAt ? (
          <span className="whitespace-nowrap text-slate-600">
            Revoked on{" "}
            <time dateTime={original.revokedAt} title={utc(original.revokedAt)}>
              {original.revokedAt.slice(0, 10)}
            </time>
          </span>
        ) : (
          <time dateTime={original.expiresAt} title={utc(original.expiresAt)} className="whitespace-nowrap">
            {relative(original.expiresAt, now)}
          </time>
        ),
    }),
    column.accessor((row) => row.lastUsedAt ?? "", {
      id: "lastUsed",
      header: "Last used",
      cell: ({ row: { original } }) =>
        original.lastUsedAt ? (
          <div className="whitespace-nowrap">
            <time dateTime={original.lastUsedAt} title={utc(original.lastUsedAt)}>
              {relative(original.lastUsedAt, now)}
            </time>
            {original.lastUsedIp ? <div className="font-mono text-xs text-slate-500">{original.lastUsedIp}</div> : null}
          </div>
        ) : (
          <span className="text-slate-500">Never</span>
        ),
    }),
    column.accessor((row) => STATUS_ORDER.indexOf(row.status), {
      id: "status",
      header: "Status",
      cell: ({ row: { original } }) => <ApiKeyStatus apiKey={original} now={now} />,
    }),
    ...(showCreator
      ? [
          column.accessor((row) => row.createdBy.email, {
            id: "createdBy",
            header: "Created by",
            cell: (info) => (
              <span className="block max-w-40 truncate text-slate-600" title={info.getValue()}>
                {info.getValue()}
              </span>
            ),
          }),
        ]
      : []),
    column.display({
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      cell: ({ row: { original } }) =>
        ended(original) ? null : (
          <div className="flex justify-end gap-2 whitespace-nowrap">
            {original.status !== "rolling" && original.createdBy.id === viewerId ? (
              <button
                type="button"
                aria-label={`Roll ${original.name} (${original.prefix}…)`}
                onClick={() => onRoll(original)}
                className="rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm font-medium text-slate-700 hover:bg-slate-50"
              >
                Roll
              </button>
            ) : null}
            <button
              type="button"
              aria-label={`Revoke ${original.name} (${original.prefix}…)`}
              onClick={() => onRevoke(original)}
              className="rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm font-medium text-red-700 hover:bg-red-50"
            >
              Revoke
            </button>
          </div>
        ),
    }),
  ];
  return (
    <DataTable
      label="API keys"
      data={apiKeys}
      columns={columns}
      getRowId={(row) => row.id}
      sorting="client"
      rowTestId="api-key-row"
      rowClassName={(row) => (ended(row) ? "text-slate-500" : undefined)}
    />
  );
}
