"use client";

import { useId, useState, useTransition } from "react";
import { PERMISSION_DESCRIPTIONS } from "@/components/roles/role-descriptions";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { FieldErrors, inputStyles } from "@/components/ui/field-errors";
import { FormError } from "@/components/ui/form-field";
import { API_KEY_LIMITS, UNPINNED_MUST_BE_READ_ONLY, type TApiKeyView } from "@/lib/api-keys/schemas";
import type { ActionResult } from "@/lib/http/action-result";
import type { Permission } from "@/lib/rbac/permissions";
import { parseRangeLines, rangeProblem } from "./ip-range-lines";

export type CreatedApiKey = { key: string; apiKey: TApiKeyView };
export type CreateApiKeyAction = (orgSlug: string, input: unknown) => Promise<ActionResult<CreatedApiKey>>;
type Props = {
  orgSlug: string;
  /** The scopes a key may hold that the viewer holds too: nobody mints a key stronger than themselves. */
  scopes: readonly Permission[];
  createAction: CreateApiKeyAction;
  onCreated: (created: CreatedApiKey) => void;
  onClose: () => void;
};

const LIVE_NEEDS_RANGES = "A live key must be pinned to at least one IP range.";

/** Groups "allowedCidrs.2" under the field the form shows, naming the line a server-side range error came from. */
function errorsByField(
  fieldErrors: Record<string, string[]>,
  lines: ReturnType<typeof parseRangeLines>,
): Record<string, string[]> {
  const grouped: Record<string, string[]> = {};
  for (const [path, messages] of Object.entries(fieldErrors)) {
    const [field, index] = path.split(".");
    const line = field === "allowedCidrs" && index !== undefined ? lines[Number(index)]?.line : undefined;
    (grouped[field] ??= []).push(...messages.map((message) => (line ? `Line ${line}: ${message}` : message)));
  }
  return grouped;
}

/** The create form, in a dialog: what the key may do, from where, for how long and how fast. */
export function CreateApiKeyDialog({ orgSlug, scopes, createAction, onCreated, onClose }: Props) {
  const id = useId();
  const [environment, setEnvironment] = useState<"test" | "live">("test");
  const [ranges, setRanges] = useState("");
  const [readOnly, setReadOnly] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [serverErrors, setServerErrors] = useState<Record<string, string[]>>({});
  const [submitted, setSubmitted] = useState(false);
  const [pending, startTransition] = useTransition();

  const lines = parseRangeLines(ranges);
  // Checked as the person types: each wrong entry is named by its line.
  const rangeErrors = lines.filter((entry) => !entry.canonical).map(rangeProblem);
  if (submitted && environment === "live" && lines.length === 0) rangeErrors.push(LIVE_NEEDS_RANGES);
  const canonical = [...new Set(lines.flatMap((entry) => (entry.canonical ? [entry.canonical] : [])))];
  // A key usable from any address may not write: the server says so too.
  const mustBeReadOnly = environment === "test" && lines.length === 0 && !readOnly;
  const readOnlyErrors = submitted && mustBeReadOnly ? [UNPINNED_MUST_BE_READ_ONLY] : [];
  const errors = errorsByField(serverErrors, lines);
  const errorsOf = (field: string) =>
    field === "allowedCidrs"
      ? [...new Set([...rangeErrors, ...(errors.allowedCidrs ?? [])])]
      : field === "readOnly"
        ? [...new Set([...readOnlyErrors, ...(errors.readOnly ?? [])])]
        : errors[field];
  const described = (field: string, hint?: boolean) =>
    [errorsOf(field)?.length ? `${id}-${field}-error` : null, hint ? `${id}-${field}-hint` : null]
      .filter(Boolean)
      .join(" ") || undefined;

  // onSubmit rather than a form action: React resets a form after its action, wiping the input on an error.
  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setSubmitted(true);
    setError(null);
    setServerErrors({});
    if (lines.some((entry) => !entry.canonical) || (environment === "live" && lines.length === 0) || mustBeReadOnly) {
      setError("Check the highlighted fields.");
      return;
    }
    const input = {
      name: String(form.get("name") ?? ""),
      environment,
      scopes: form.getAll("scopes").map(String),
      readOnly,
      allowedCidrs: lines.map((entry) => entry.text),
      expiresInDays: String(form.get("expiresInDays") ?? ""),
      rateLimitPerMinute: String(form.get("rateLimitPerMinute") ?? ""),
    };
    startTransition(async () => {
      const result = await createAction(orgSlug, input);
      if (!result.ok) {
        setError(result.error);
        setServerErrors(result.fieldErrors ?? {});
        return;
      }
      onCreated(result.data);
    });
  }

  return (
    <Dialog title="Create an API key" onClose={onClose} size="lg">
      <form method="post" onSubmit={submit} noValidate className="space-y-5" aria-label="Create an API key">
        <FormError message={error} />
        <div className="space-y-1">
          <label htmlFor={`${id}-name`} className="block text-sm font-medium text-slate-700">
            Name
          </label>
          <input
            id={`${id}-name`}
            name="name"
            autoComplete="off"
            maxLength={100}
            placeholder="Deploy bot"
            aria-invalid={errorsOf("name")?.length ? true : undefined}
            aria-describedby={described("name")}
            className={inputStyles}
          />
          <FieldErrors id={`${id}-name-error`} errors={errorsOf("name")} />
        </div>

        <fieldset className="space-y-2" aria-describedby={described("environment", true)}>
          <legend className="text-sm font-medium text-slate-700">Environment</legend>
          <div className="flex gap-4">
            {(["test", "live"] as const).map((value) => (
              <label key={value} className="inline-flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  name="environment"
                  value={value}
                  checked={environment === value}
                  onChange={() => setEnvironment(value)}
                />
                {value === "test" ? "Test" : "Live"}
              </label>
            ))}
          </div>
          <p id={`${id}-environment-hint`} className="text-xs text-slate-500">
            Keys start with <code className="font-mono">vk_{environment}_</code>. Live keys must be pinned to the IP
            ranges they are used from.
          </p>
          <FieldErrors id={`${id}-environment-error`} errors={errorsOf("environment")} />
        </fieldset>

        <fieldset className="space-y-2" aria-describedby={described("scopes", true)}>
          <legend className="text-sm font-medium text-slate-700">Scopes</legend>
          <p id={`${id}-scopes-hint`} className="text-xs text-slate-500">
            What the key may do. It never does more than you can: if your role changes, the key shrinks with it.
          </p>
          <div className="grid gap-x-4 gap-y-1.5 sm:grid-cols-2">
            {scopes.map((scope) => (
              <label key={scope} className="flex items-start gap-2 rounded-md px-1 py-0.5 text-sm hover:bg-slate-50">
                <input type="checkbox" name="scopes" value={scope} className="mt-0.5" />
                <span>
                  {PERMISSION_DESCRIPTIONS[scope] ?? scope}{" "}
                  <code className="block font-mono text-xs text-slate-500">{scope}</code>
                </span>
              </label>
            ))}
          </div>
          <FieldErrors id={`${id}-scopes-error`} errors={errorsOf("scopes")} />
        </fieldset>

        <div className="space-y-1">
          <label className="inline-flex items-center gap-3 text-sm font-medium text-slate-700">
            <span className="relative inline-flex">
              {/* The real checkbox lies over the drawn track: clicks, keyboard and screen readers all reach it. */}
              <input
                type="checkbox"
                role="switch"
                name="readOnly"
                checked={readOnly}
                onChange={(event) => setReadOnly(event.target.checked)}
                aria-invalid={errorsOf("readOnly")?.length ? true : undefined}
                aria-describedby={described("readOnly", true)}
                className="peer absolute inset-0 z-10 m-0 h-full w-full cursor-pointer opacity-0"
              />
              <span
                aria-hidden
                className={
                  "relative inline-block h-5 w-9 rounded-full bg-slate-300 transition-colors peer-checked:bg-brand-600 " +
                  "peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 " +
                  "peer-focus-visible:outline-brand-600 after:absolute after:left-0.5 after:top-0.5 after:h-4 " +
                  "after:w-4 after:rounded-full after:bg-white after:transition-transform " +
                  "peer-checked:after:translate-x-4"
                }
              />
            </span>
            Read-only
          </label>
          <p id={`${id}-readOnly-hint`} className="text-xs text-slate-500">
            A read-only key may only make GET requests, whatever its scopes. A key with no IP ranges must be read-only.
          </p>
          <FieldErrors id={`${id}-readOnly-error`} errors={errorsOf("readOnly")} />
        </div>

        <div className="space-y-1">
          <label htmlFor={`${id}-ranges`} className="block text-sm font-medium text-slate-700">
            Allowed IP ranges{" "}
            {environment === "live" ? (
              <span className="font-normal text-slate-500">(required for live keys)</span>
            ) : (
              <span className="font-normal text-slate-500">(optional)</span>
            )}
          </label>
          <textarea
            id={`${id}-ranges`}
            name="allowedCidrs"
            rows={3}
            value={ranges}
            onChange={(event) => setRanges(event.target.value)}
            spellCheck={false}
            autoComplete="off"
            placeholder={"203.0.113.0/24\n2001:db8::/32"}
            aria-invalid={errorsOf("allowedCidrs")?.length ? true : undefined}
            aria-describedby={described("allowedCidrs", true)}
            className={`${inputStyles} font-mono`}
          />
          <p id={`${id}-allowedCidrs-hint`} className="text-xs text-slate-500">
            One per line or comma separated; a bare address is a single host.{" "}
            {canonical.length ? (
              <span>
                Saved as: <span className="font-mono">{canonical.join(", ")}</span>
              </span>
            ) : environment === "test" ? (
              "Empty: any address (read-only keys only)."
            ) : null}
          </p>
          <FieldErrors id={`${id}-allowedCidrs-error`} errors={errorsOf("allowedCidrs")} />
        </div>

        <div className="grid gap-4 sm:grid-cols-2">
          <div className="space-y-1">
            <label htmlFor={`${id}-expiry`} className="block text-sm font-medium text-slate-700">
              Expires after (days)
            </label>
            <input
              id={`${id}-expiry`}
              name="expiresInDays"
              type="number"
              inputMode="numeric"
              min={1}
              max={API_KEY_LIMITS.maxExpiryDays}
              defaultValue={API_KEY_LIMITS.defaultExpiryDays}
              aria-invalid={errorsOf("expiresInDays")?.length ? true : undefined}
              aria-describedby={described("expiresInDays", true)}
              className={inputStyles}
            />
            <p id={`${id}-expiresInDays-hint`} className="text-xs text-slate-500">
              1 to {API_KEY_LIMITS.maxExpiryDays} days. You get a reminder {API_KEY_LIMITS.reminderDays} days before.
            </p>
            <FieldErrors id={`${id}-expiresInDays-error`} errors={errorsOf("expiresInDays")} />
          </div>
          <div className="space-y-1">
            <label htmlFor={`${id}-rate`} className="block text-sm font-medium text-slate-700">
              Rate limit (requests per minute)
            </label>
            <input
              id={`${id}-rate`}
              name="rateLimitPerMinute"
              type="number"
              inputMode="numeric"
              min={1}
              max={API_KEY_LIMITS.maxRatePerMinute}
              defaultValue={API_KEY_LIMITS.defaultRatePerMinute}
              aria-invalid={errorsOf("rateLimitPerMinute")?.length ? true : undefined}
              aria-describedby={described("rateLimitPerMinute")}
              className={inputStyles}
            />
            <FieldErrors id={`${id}-rateLimitPerMinute-error`} errors={errorsOf("rateLimitPerMinute")} />
          </div>
        </div>
        <FieldErrors id={`${id}-form-error`} errors={errorsOf("_")} />

        <DialogActions onCancel={onClose} label="Create key" pendingLabel="Creating key…" pending={pending} />
      </form>
    </Dialog>
  );
}
