import Link from "next/link";
import type { PersonalLanding as Landing } from "@/lib/members/landing";

const utc = (date: Date | null) => (date ? `${date.toISOString().slice(0, 16).replace("T", " ")} UTC` : "—");
const card = "min-w-0 space-y-3 rounded-lg border border-slate-200 bg-white p-5";

/**
 * The dashboard's part about the person themselves, for every role: their keys and when each was last
 * used, their sessions, a first API call, and who the owners and admins are. Lists, not tables, so a
 * phone shows every item whole.
 */
export function PersonalLanding({
  orgSlug,
  apiBase,
  landing,
  canCreateKeys,
}: {
  orgSlug: string;
  apiBase: string;
  landing: Landing;
  canCreateKeys: boolean;
}) {
  const { keys, sessions, sessionCount, admins } = landing;
  return (
    <div className="grid gap-4 md:grid-cols-2">
      {keys ? (
        <section aria-labelledby="your-keys-heading" className={card}>
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="your-keys-heading" className="text-lg font-semibold">
              Your API keys
            </h2>
            <Link href={`/${orgSlug}/api-keys`} className="text-sm font-medium text-brand-600 hover:underline">
              {canCreateKeys ? "Create or manage keys" : "All keys"}
            </Link>
          </div>
          {keys.length === 0 ? (
            <p className="text-sm text-slate-600">You have no active API keys in this organization.</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {keys.map((key) => (
                <li key={key.id} className="py-2" data-testid="landing-key">
                  <p className="flex flex-wrap justify-between gap-x-3">
                    <span className="font-medium">{key.name}</span>
                    <span className="font-mono text-slate-700">
                      {key.prefix}…{key.last4}
                    </span>
                  </p>
                  <p className="text-slate-600">
                    {key.lastUsedAt ? `Last used ${utc(key.lastUsedAt)} from ${key.lastUsedIp ?? "—"}` : "Never used"}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
      <section aria-labelledby="your-sessions-heading" className={card}>
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="your-sessions-heading" className="text-lg font-semibold">
            Your sessions
          </h2>
          <Link href={`/${orgSlug}/security/sessions`} className="text-sm font-medium text-brand-600 hover:underline">
            Review sessions
          </Link>
        </div>
        <p className="text-sm text-slate-600">
          {sessionCount} signed-in browser{sessionCount === 1 ? "" : "s"}.
        </p>
        <ul className="divide-y divide-slate-100 text-sm">
          {sessions.map((session) => (
            <li key={session.id} className="py-2" data-testid="landing-session">
              <p className="break-words">
                {session.current ? <span className="mr-1 font-medium text-emerald-700">This browser ·</span> : null}
                {session.location ?? session.ip ?? "Unknown place"}
              </p>
              <p className="text-slate-600">Last active {utc(session.lastSeenAt)}</p>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="quickstart-heading" className={card}>
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="quickstart-heading" className="text-lg font-semibold">
            API quickstart
          </h2>
          <Link href={`/${orgSlug}/api-docs`} className="text-sm font-medium text-brand-600 hover:underline">
            API reference
          </Link>
        </div>
        <p className="text-sm text-slate-600">
          With a key from the API keys screen, ask who you are: the answer names the key&apos;s organization and scopes.
        </p>
        <pre
          tabIndex={0}
          aria-label="Quickstart command"
          className="overflow-x-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100"
          data-testid="quickstart"
        >
          <code>{`curl -sS ${apiBase}/api/v1/me \\\n  -H "Authorization: Bearer $VERITY_API_KEY"`}</code>
        </pre>
      </section>
      <section aria-labelledby="admins-heading" className={card}>
        <h2 id="admins-heading" className="text-lg font-semibold">
          Owners and admins
        </h2>
        <p className="text-sm text-slate-600">They manage members, roles, keys and settings: ask them for access.</p>
        <ul className="divide-y divide-slate-100 text-sm">
          {admins.map((admin) => (
            <li key={admin.id} className="flex flex-wrap justify-between gap-x-3 py-2" data-testid="landing-admin">
              <span className="min-w-0 break-words">
                {admin.name}
                {admin.you ? " (you)" : ""}{" "}
                {admin.email ? (
                  <a href={`mailto:${admin.email}`} className="text-brand-600 hover:underline">
                    {admin.email}
                  </a>
                ) : null}
              </span>
              <span className="text-slate-600">{admin.role.toLowerCase()}</span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
