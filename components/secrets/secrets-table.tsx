"use client";

import { buttonStyles } from "@/components/ui/dialog";
import { TableHead } from "@/components/ui/table-head";
import type { TSecretView } from "@/lib/secrets/secret-schemas";
import { when } from "./secret-actions";

type Kind = "update" | "reveal" | "share" | "delete";
type Props = { secrets: TSecretView[]; manages: boolean; onOpen: (kind: Kind, secret: TSecretView) => void };

const CELL = "px-3 py-2 align-top";
const small = `${buttonStyles.secondary} !px-2 !py-1 text-xs`;

/** Metadata only: name, versions, who created and changed it, who last revealed it; a value is a Reveal away. */
export function SecretsTable({ secrets, manages, onOpen }: Props) {
  const headings = [
    "Secret",
    "Version",
    "Created",
    "Changed",
    "Last revealed",
    ...(manages ? ["Shared with"] : []),
    "Actions",
  ];
  return (
    <div
      className="overflow-x-auto rounded-lg border border-slate-200 bg-white"
      role="region"
      aria-label="Secrets"
      tabIndex={0}
    >
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="secrets-table">
        <TableHead headings={headings} cellClassName={CELL} />
        <tbody className="divide-y divide-slate-100">
          {secrets.map((secret) => (
            <tr key={secret.id} data-testid="secret-row" data-secret-name={secret.name}>
              <td className={CELL}>
                <p className="font-mono font-medium text-slate-900">{secret.name}</p>
                {secret.description ? <p className="max-w-64 text-xs text-slate-600">{secret.description}</p> : null}
                <CurrentFile secret={secret} />
              </td>
              <td className={CELL}>
                v{secret.currentVersion}
                {manages && secret.versions.length > 1 ? (
                  <span className="block text-xs text-slate-500">{secret.versions.length} versions</span>
                ) : null}
              </td>
              <td className={CELL}>
                <span className="block text-xs text-slate-700">{secret.createdBy}</span>
                <span className="block text-xs text-slate-500">{when(secret.createdAt)}</span>
              </td>
              <td className={CELL}>
                <span className="block text-xs text-slate-700">{secret.updatedBy}</span>
                <span className="block text-xs text-slate-500">{when(secret.updatedAt)}</span>
              </td>
              <td className={CELL}>
                {secret.lastRevealedAt ? (
                  <>
                    <span className="block text-xs text-slate-700">{secret.lastRevealedBy}</span>
                    <span className="block text-xs text-slate-500">{when(secret.lastRevealedAt)}</span>
                  </>
                ) : (
                  <span className="text-xs text-slate-500">Never</span>
                )}
              </td>
              {manages ? (
                <td className={`${CELL} text-xs text-slate-700`}>
                  {secret.shares.length ? secret.shares.map((share) => share.display).join(", ") : "Owners only"}
                </td>
              ) : null}
              <td className={CELL}>
                <div className="flex flex-wrap gap-1">
                  <button type="button" className={small} onClick={() => onOpen("reveal", secret)}>
                    Reveal
                  </button>
                  {manages ? (
                    <>
                      <button type="button" className={small} onClick={() => onOpen("update", secret)}>
                        New version
                      </button>
                      <button type="button" className={small} onClick={() => onOpen("share", secret)}>
                        Share
                      </button>
                      <button type="button" className={small} onClick={() => onOpen("delete", secret)}>
                        Delete
                      </button>
                    </>
                  ) : null}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A secret whose current version is a file names it (name, type, size: metadata, never the content). */
function CurrentFile({ secret }: { secret: TSecretView }) {
  const file = secret.versions.find((version) => version.version === secret.currentVersion)?.file;
  if (!file) return null;
  return (
    <p className="max-w-64 text-xs text-slate-600" data-testid="secret-file">
      File: <span className="font-mono">{file.name}</span> ({file.contentType}, {file.size.toLocaleString("en-US")}{" "}
      bytes)
    </p>
  );
}
