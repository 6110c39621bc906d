import { TableHead } from "@/components/ui/table-head";
import type { TWebhookDeliveryView } from "@/lib/webhooks/schemas";
import { utcSeconds } from "./format";

/** Every attempt of one delivery: when, what the receiver answered (the first 1 KB of it) and how long it took. */
export function DeliveryAttempts({ delivery }: { delivery: TWebhookDeliveryView }) {
  return (
    <div className="space-y-2 bg-slate-50 px-4 py-3">
      <p className="text-xs text-slate-600">
        <span className="font-medium">webhook-id</span> <code className="font-mono">{delivery.webhookId}</code> (the
        same on every attempt: your receiver&apos;s idempotency key)
        {delivery.replayOfId ? <> · a replay of an earlier delivery</> : null}
        {delivery.auditEntryId ? (
          <>
            {" "}
            · audit entry <code className="font-mono">{delivery.auditEntryId}</code>
          </>
        ) : null}
      </p>
      {delivery.attemptLog.length === 0 ? (
        <p className="text-sm text-slate-600">No attempt yet: the first one goes out within seconds.</p>
      ) : (
        <table className="w-full table-fixed text-left text-xs" aria-label="Attempts">
          <TableHead
            className="text-slate-500"
            cellClassName="py-1 font-medium"
            headings={[
              { label: "Time", className: "w-44 pr-2" },
              { label: "Attempt", className: "w-16 pr-2" },
              { label: "Status", className: "w-20 pr-2" },
              { label: "Latency", className: "w-20 pr-2" },
              { label: "Response (first 1 KB)", className: "pr-2" },
              "Error",
            ]}
          />
          <tbody className="divide-y divide-slate-200 align-top">
            {delivery.attemptLog.map((attempt) => (
              <tr key={attempt.attempt} data-testid="delivery-attempt">
                <td className="py-1 pr-2 whitespace-nowrap">
                  <time dateTime={attempt.startedAt}>{utcSeconds(attempt.startedAt)}</time>
                </td>
                <td className="py-1 pr-2">{attempt.attempt}</td>
                <td className="py-1 pr-2 font-mono">{attempt.status ?? <NoResponse />}</td>
                <td className="py-1 pr-2 whitespace-nowrap">
                  {attempt.status === null ? <NoResponse /> : `${attempt.latencyMs} ms`}
                </td>
                <td className="py-1 pr-2">
                  {attempt.status === null ? (
                    <NoResponse />
                  ) : attempt.responseExcerpt ? (
                    <pre
                      className={
                        "max-h-32 overflow-auto whitespace-pre-wrap break-all rounded bg-white p-1.5 font-mono " +
                        "text-[11px] ring-1 ring-slate-200"
                      }
                    >
                      {attempt.responseExcerpt}
                    </pre>
                  ) : (
                    <span className="text-slate-600">empty</span>
                  )}
                </td>
                <td className="py-1 text-red-700">{attempt.error ?? <span className="text-slate-600">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {delivery.attemptLog.map((attempt) => (
        <AttemptExchange key={attempt.attempt} attempt={attempt} body={delivery.body} />
      ))}
    </div>
  );
}

type Attempt = TWebhookDeliveryView["attemptLog"][number];
const PRE =
  "max-h-48 overflow-auto whitespace-pre-wrap break-all rounded bg-white p-2 font-mono text-[11px] ring-1 ring-slate-200";

function HeaderList({ headers, label }: { headers: Record<string, string>; label: string }) {
  return (
    <div role="group" aria-label={label}>
      <dl tabIndex={0} className={`${PRE} grid grid-cols-[max-content_1fr] gap-x-2`}>
        {Object.entries(headers).map(([name, value]) => (
          <div key={name} className="contents">
            <dt className="font-semibold text-slate-700">{name}:</dt>
            <dd className="break-all text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

/** One attempt's exchange, as Svix shows it: the request sent (headers with the signature, body) and the answer. */
function AttemptExchange({ attempt, body }: { attempt: Attempt; body: string | null }) {
  return (
    <details className="rounded border border-slate-200 bg-white px-3 py-2 text-xs" data-testid="attempt-exchange">
      <summary className="cursor-pointer font-medium text-slate-800">
        Attempt {attempt.attempt}: request and response
      </summary>
      <div className="mt-2 grid gap-4 lg:grid-cols-2">
        <section aria-label={`Attempt ${attempt.attempt} request`} className="space-y-1.5">
          <h4 className="font-semibold text-slate-700">Request sent</h4>
          {attempt.requestHeaders ? (
            <>
              <HeaderList headers={attempt.requestHeaders} label="Request headers" />
              <pre role="group" tabIndex={0} className={PRE} aria-label="Request body">
                {pretty(body)}
              </pre>
            </>
          ) : (
            <p className="text-slate-600">Nothing was sent{attempt.error ? `: ${attempt.error}` : "."}</p>
          )}
        </section>
        <section aria-label={`Attempt ${attempt.attempt} response`} className="space-y-1.5">
          <h4 className="font-semibold text-slate-700">
            Response {attempt.status === null ? <NoResponse /> : <span className="font-mono">{attempt.status}</span>}
          </h4>
          {attempt.status === null ? (
            <p className="text-slate-600">No response{attempt.error ? `: ${attempt.error}` : "."}</p>
          ) : (
            <>
              {attempt.responseHeaders ? (
                <HeaderList headers={attempt.responseHeaders} label="Response headers" />
              ) : null}
              <pre role="group" tabIndex={0} className={PRE} aria-label="Response body (first 1 KB)">
                {attempt.responseExcerpt || "(empty body)"}
              </pre>
            </>
          )}
        </section>
      </div>
    </details>
  );
}

/** The body as sent is compact JSON; shown indented. */
function pretty(body: string | null): string {
  if (body === null) return "(no body)";
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

/** Where an attempt got no answer (refused, timed out, unreachable): a dash, read out as what it means. */
function NoResponse() {
  return (
    <span className="text-slate-600" title="No response">
      —<span className="sr-only">no response</span>
    </span>
  );
}
