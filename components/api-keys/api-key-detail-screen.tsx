import Link from "next/link";
import type { ApiKeyDetail, KeyLink } from "@/lib/api-keys/api-key-detail";
import { ApiKeyStatus, EnvironmentBadge } from "./api-key-status";
import { maskedKey, relative, utc } from "./format";
import { KeyRequestsTable } from "./key-requests-table";
import { KeyUsageChart } from "./key-usage-chart";
import { RenameApiKeyForm, type RenameApiKeyAction } from "./rename-api-key-form";

type Props = {
  orgSlug: string;
  detail: ApiKeyDetail;
  now: string;
  canRename: boolean;
  renameAction: RenameApiKeyAction;
};

const CARD = "rounded-lg border border-slate-200 bg-white p-5";

function KeyLinkTo({ orgSlug, apiKey, testId }: { orgSlug: string; apiKey: KeyLink; testId: string }) {
  return (
    <Link href={`/${orgSlug}/api-keys/${apiKey.id}`} className="text-brand-600 hover:underline" data-testid={testId}>
      {apiKey.name} <code className="font-mono text-xs">{maskedKey(apiKey)}</code>
    </Link>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-sm text-slate-900">{children}</dd>
    </div>
  );
}

function When({ iso, now }: { iso: string; now: string }) {
  return (
    <time dateTime={iso} title={iso}>
      {utc(iso)} ({relative(iso, now)})
    </time>
  );
}

/** One key: what it is, where it came from and went, its use (chart and request log), and its name. */
export function ApiKeyDetailScreen({ orgSlug, detail, now, canRename, renameAction }: Props) {
  const { apiKey, rolledFrom, rolledTo, createdByKey, recentRequests, usage } = detail;
  return (
    <div className="space-y-6">
      <div>
        <Link href={`/${orgSlug}/api-keys`} className="text-sm text-brand-600 hover:underline">
          ← API keys
        </Link>
        <div className="mt-1 flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight">{apiKey.name}</h1>
          <EnvironmentBadge environment={apiKey.environment} />
          <ApiKeyStatus apiKey={apiKey} now={now} />
        </div>
        <code className="font-mono text-sm text-slate-600">{maskedKey(apiKey)}</code>
      </div>

      <section aria-labelledby="key-facts" className={CARD}>
        <h2 id="key-facts" className="sr-only">
          Key details
        </h2>
        <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          <Fact label="Last used">{apiKey.lastUsedAt ? <When iso={apiKey.lastUsedAt} now={now} /> : "Never"}</Fact>
          <Fact label="Last used from">
            <span className="font-mono" data-testid="key-last-ip">
              {apiKey.lastUsedIp ?? "—"}
            </span>
          </Fact>
          <Fact label="Created">
            <When iso={apiKey.createdAt} now={now} /> by {apiKey.createdBy.email}
          </Fact>
          <Fact label={apiKey.revokedAt ? "Revoked" : "Expires"}>
            <When iso={apiKey.revokedAt ?? apiKey.expiresAt} now={now} />
          </Fact>
          <Fact label="Access">
            {apiKey.readOnly ? "Read-only" : "Read & write"}, {apiKey.rateLimitPerMinute} requests a minute
          </Fact>
          <Fact label="Allowed ranges">
            <span className="font-mono text-xs">{apiKey.allowedCidrs.join(", ") || "Any address"}</span>
          </Fact>
          <Fact label="Scopes">
            <span className="font-mono text-xs">{apiKey.scopes.join(", ")}</span>
          </Fact>
          <Fact label="Rolled from">
            {rolledFrom ? <KeyLinkTo orgSlug={orgSlug} apiKey={rolledFrom} testId="rolled-from" /> : "—"}
          </Fact>
          <Fact label="Rolled to">
            {rolledTo ? <KeyLinkTo orgSlug={orgSlug} apiKey={rolledTo} testId="rolled-to" /> : "—"}
          </Fact>
          {createdByKey ? (
            <Fact label="Created with key">
              <KeyLinkTo orgSlug={orgSlug} apiKey={createdByKey} testId="created-by-key" />
            </Fact>
          ) : null}
        </dl>
      </section>

      <section aria-labelledby="key-usage" className={`${CARD} space-y-3`}>
        <h2 id="key-usage" className="text-lg font-semibold">
          Requests, last 30 days
        </h2>
        <KeyUsageChart usage={usage} />
      </section>

      <section aria-labelledby="key-requests" className="space-y-3">
        <div>
          <h2 id="key-requests" className="text-lg font-semibold">
            Recent requests
          </h2>
          <p className="text-sm text-slate-500">
            Up to the last 50 requests made with this key, newest first, refused ones included; paths without their
            query string. Kept 30 days.
          </p>
        </div>
        <KeyRequestsTable requests={recentRequests} />
      </section>

      {canRename ? (
        <section aria-labelledby="key-rename" className={`${CARD} max-w-xl space-y-3`}>
          <h2 id="key-rename" className="text-lg font-semibold">
            Name
          </h2>
          <RenameApiKeyForm orgSlug={orgSlug} apiKey={apiKey} renameAction={renameAction} />
        </section>
      ) : null}
    </div>
  );
}
