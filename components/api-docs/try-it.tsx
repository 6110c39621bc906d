"use client";

import { useEffect, useId, useRef, useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { buttonStyles } from "@/components/ui/dialog";
import { tryItRequest } from "@/lib/rest/try-it-request";
import { useApiDocs } from "./api-docs-context";

export type TryItParameter = { name: string; in: string; required: boolean; type: string; options?: string[] };
export type TryItOperation = {
  id: string;
  method: string;
  path: string;
  fullPath: string;
  parameters: TryItParameter[];
  /** "json" with an example body to start from, "other" for uploads Try it does not send. */
  body?: { kind: "json"; example: string } | { kind: "other"; contentType: string };
};

type Answer = { status: number; statusText: string; headers: [string, string][]; body: string };
const MAX_SHOWN = 200_000;
const statusTone = (status: number) =>
  status < 300 ? "text-emerald-700" : status < 500 ? "text-amber-800" : "text-red-700";

const inputStyle =
  "w-full rounded-md border border-slate-300 px-2.5 py-1.5 text-sm focus-visible:border-brand-600 " +
  "focus-visible:outline-2 focus-visible:outline-brand-600";

async function readAnswer(response: Response): Promise<Answer> {
  const type = response.headers.get("content-type") ?? "";
  const textual = /json|text|csv|markdown|ndjson/.test(type);
  let body: string;
  if (!textual) body = `(${(await response.arrayBuffer()).byteLength} bytes of ${type || "binary data"})`;
  else {
    const text = await response.text();
    try {
      body = /json/.test(type) && !/ndjson/.test(type) ? JSON.stringify(JSON.parse(text), null, 2) : text;
    } catch {
      body = text;
    }
  }
  if (body.length > MAX_SHOWN) body = `${body.slice(0, MAX_SHOWN)}\n… (cut at ${MAX_SHOWN} characters)`;
  return { status: response.status, statusText: response.statusText, headers: [...response.headers], body };
}

/**
 * Sends one operation from the browser to this origin's API with a key the person pastes. The key lives in
 * React state (shared by the page's operations, gone on reload); the inputs have no `name`, so even a form
 * sent before the page hydrates carries nothing; the request omits cookies and acts with the key alone.
 * Anything but GET asks first: it is a real change to the organization, recorded in its audit trail.
 */
export function TryIt({ operation }: { operation: TryItOperation }) {
  const { apiKey, setApiKey } = useApiDocs();
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<Record<string, string>>({});
  const [body, setBody] = useState(operation.body?.kind === "json" ? operation.body.example : "");
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  // The "Try it" button gives way to the form: focus moves to its first field instead of being lost.
  useEffect(() => {
    if (open) formRef.current?.querySelector<HTMLElement>("input, textarea, select")?.focus();
  }, [open]);

  const build = () =>
    tryItRequest({
      method: operation.method,
      path: operation.path,
      apiKey,
      pathValues: Object.fromEntries(
        operation.parameters.filter((p) => p.in === "path").map((p) => [p.name, values[p.name] ?? ""]),
      ),
      queryValues: Object.fromEntries(
        operation.parameters.filter((p) => p.in === "query").map((p) => [p.name, values[p.name] ?? ""]),
      ),
      ...(operation.body?.kind === "json" ? { body } : {}),
      ...(values["Idempotency-Key"] ? { idempotencyKey: values["Idempotency-Key"] } : {}),
    });

  async function send(): Promise<string | null> {
    const request = build();
    if ("error" in request) return request.error;
    setPending(true);
    try {
      setAnswer(await readAnswer(await fetch(request.url, request.init)));
      return null;
    } catch (failure) {
      return `The request did not complete: ${(failure as Error).message}`;
    } finally {
      setPending(false);
    }
  }

  const onSubmit = async (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    const request = build();
    if ("error" in request) return setError(request.error);
    if (operation.method !== "GET") return setConfirming(true);
    setError(await send());
  };

  if (!open)
    return (
      <button
        type="button"
        aria-expanded="false"
        aria-controls={`${id}-form`}
        onClick={() => setOpen(true)}
        className={`${buttonStyles.secondary} focus-visible:outline-2 focus-visible:outline-brand-600`}
      >
        Try it
      </button>
    );

  if (operation.body?.kind === "other")
    return (
      <p className="rounded-md border border-slate-200 bg-slate-50 p-3 text-sm text-slate-700">
        Try it sends JSON only: this operation takes <code className="font-mono">{operation.body.contentType}</code>.
        Use the curl, JavaScript or Python call above.
      </p>
    );

  return (
    <div className="space-y-3 rounded-md border border-brand-100 bg-brand-50/40 p-4">
      <form
        ref={formRef}
        id={`${id}-form`}
        method="post"
        onSubmit={onSubmit}
        aria-label={`Try ${operation.method} ${operation.fullPath}`}
        className="space-y-3"
      >
        <div className="space-y-1">
          <label htmlFor={`${id}-key`} className="block text-sm font-medium text-slate-800">
            API key
          </label>
          <input
            id={`${id}-key`}
            type="password"
            value={apiKey}
            onChange={(event) => setApiKey(event.target.value)}
            autoComplete="off"
            spellCheck={false}
            placeholder="vk_test_…"
            aria-describedby={`${id}-key-note`}
            className={`${inputStyle} font-mono`}
          />
          <p id={`${id}-key-note`} className="text-xs text-slate-600">
            Kept on this page only, for every operation, until you reload: never saved, and sent only in this
            request&apos;s Authorization header.
          </p>
        </div>
        {operation.parameters.map((parameter) => {
          const inputId = `${id}-${parameter.in}-${parameter.name}`;
          const value = values[parameter.name] ?? "";
          const set = (next: string) => setValues((current) => ({ ...current, [parameter.name]: next }));
          return (
            <div key={`${parameter.in}:${parameter.name}`} className="space-y-1">
              <label htmlFor={inputId} className="block text-sm text-slate-800">
                <span className="font-mono">{parameter.name}</span>{" "}
                <span className="text-xs text-slate-600">
                  {parameter.in} · {parameter.type}
                  {parameter.required ? " · required" : ""}
                </span>
              </label>
              {parameter.options ? (
                <select id={inputId} value={value} onChange={(event) => set(event.target.value)} className={inputStyle}>
                  <option value="">(not set)</option>
                  {parameter.options.map((option) => (
                    <option key={option} value={option}>
                      {option}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  id={inputId}
                  value={value}
                  onChange={(event) => set(event.target.value)}
                  required={parameter.required}
                  autoComplete="off"
                  className={`${inputStyle} font-mono`}
                />
              )}
            </div>
          );
        })}
        {operation.body?.kind === "json" ? (
          <div className="space-y-1">
            <label htmlFor={`${id}-body`} className="block text-sm font-medium text-slate-800">
              Request body <span className="font-normal text-slate-600">application/json</span>
            </label>
            <textarea
              id={`${id}-body`}
              value={body}
              onChange={(event) => setBody(event.target.value)}
              rows={Math.min(12, body.split("\n").length + 1)}
              spellCheck={false}
              className={`${inputStyle} font-mono text-xs`}
            />
          </div>
        ) : null}
        {error ? (
          <p role="alert" className="text-sm text-red-700">
            {error}
          </p>
        ) : null}
        <div className="flex flex-wrap items-center gap-2">
          <button type="submit" disabled={pending} className={buttonStyles.primary}>
            {pending ? "Sending…" : `Send ${operation.method}`}
          </button>
          <button
            type="button"
            onClick={() => {
              setOpen(false);
              setAnswer(null);
              setError(null);
            }}
            className={buttonStyles.secondary}
          >
            Close
          </button>
        </div>
      </form>
      {confirming ? (
        <ConfirmDialog
          title={`Send ${operation.method} ${operation.fullPath}?`}
          confirmLabel={`Send ${operation.method}`}
          pendingLabel="Sending…"
          onClose={() => setConfirming(false)}
          onConfirm={async () => {
            const failure = await send();
            if (!failure) setConfirming(false);
            return failure;
          }}
        >
          This is a real request against your organization with the pasted key: it{" "}
          {operation.method === "DELETE" ? "deletes or revokes what it names" : "changes what it names"}, and it is
          recorded in the audit trail.
        </ConfirmDialog>
      ) : null}
      <div aria-live="polite">
        {answer ? (
          <div className="space-y-2" data-testid="try-it-response">
            <p className="text-sm font-medium text-slate-900">
              Response{" "}
              <span className={`font-mono ${statusTone(answer.status)}`}>
                {answer.status} {answer.statusText}
              </span>
            </p>
            <details className="text-xs">
              <summary className="cursor-pointer text-slate-700">Headers ({answer.headers.length})</summary>
              <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 font-mono">
                {answer.headers.map(([name, value]) => (
                  <div key={name} className="contents">
                    <dt className="text-slate-600">{name}</dt>
                    <dd className="break-all text-slate-900">{value}</dd>
                  </div>
                ))}
              </dl>
            </details>
            <pre
              tabIndex={0}
              data-testid="try-it-body"
              className="max-h-96 overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs text-slate-100"
            >
              {answer.body || "(empty body)"}
            </pre>
          </div>
        ) : null}
      </div>
    </div>
  );
}
