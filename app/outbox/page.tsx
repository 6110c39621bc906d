import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/lib/db/client";
import { listOutboxMessages, localOutboxEnabled, type MissingBody } from "@/lib/mail";

export const metadata: Metadata = { title: "Outbox", robots: { index: false } };
export const dynamic = "force-dynamic";

/** Links in a message become clickable, so a reset link can be followed from here. */
function MessageBody({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s]+)/g);
  return (
    <pre className="overflow-x-auto whitespace-pre-wrap break-all rounded-md bg-slate-50 p-3 font-mono text-xs text-slate-800">
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <a key={i} href={part} className="text-brand-600 underline">
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </pre>
  );
}

const utc = (at: Date) => `${at.toISOString().replace("T", " ").slice(0, 19)} UTC`;

const MISSING_BODY: Record<MissingBody, string> = {
  delivered: "Delivered: the body is not kept, since it may carry a single-use link.",
  expired: "Expired: the body has been erased (a body is kept only while its links work, 7 days at most).",
  unreadable: "The body cannot be opened with this instance's encryption key (VERITY_ENCRYPTION_KEY).",
};

/**
 * Mail that would have been sent, for machines without an SMTP server. It shows reset links to
 * anyone who can open it, so it exists only in development or when VERITY_LOCAL_OUTBOX=1.
 */
export default async function OutboxPage() {
  if (!localOutboxEnabled()) notFound();
  const messages = await listOutboxMessages({ db: getDb() });
  return (
    <main className="mx-auto max-w-3xl space-y-6 px-6 py-10">
      <div>
        <h1 className="text-xl font-semibold">Outbox</h1>
        <p className="mt-1 text-sm text-slate-600">
          No SMTP server is configured (<code>SMTP_URL</code>), so mail stays here instead of being sent. Newest first.
        </p>
      </div>
      {messages.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-600">
          No mail yet. Messages such as password reset links appear here.
        </p>
      ) : (
        <ol className="space-y-4">
          {messages.map((message) => (
            <li
              key={message.id}
              data-testid="outbox-message"
              className="space-y-3 rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
            >
              <dl className="grid grid-cols-[5rem_1fr] gap-x-3 gap-y-1 text-sm">
                <dt className="text-slate-500">To</dt>
                <dd>{message.to}</dd>
                <dt className="text-slate-500">Subject</dt>
                <dd className="font-medium">{message.subject}</dd>
                <dt className="text-slate-500">Time</dt>
                <dd>
                  <time dateTime={message.createdAt.toISOString()}>{utc(message.createdAt)}</time>
                </dd>
                {message.bodyExpiresAt ? (
                  <>
                    <dt className="text-slate-500">Kept until</dt>
                    <dd>
                      <time dateTime={message.bodyExpiresAt.toISOString()}>{utc(message.bodyExpiresAt)}</time>
                    </dd>
                  </>
                ) : null}
              </dl>
              {message.text !== null ? (
                <MessageBody text={message.text} />
              ) : (
                <p className="text-sm italic text-slate-500">{MISSING_BODY[message.missingBody ?? "expired"]}</p>
              )}
            </li>
          ))}
        </ol>
      )}
    </main>
  );
}
