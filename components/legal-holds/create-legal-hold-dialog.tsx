"use client";

import { useId, useState, useTransition } from "react";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { FieldErrors, inputStyles } from "@/components/ui/field-errors";
import { FormError } from "@/components/ui/form-field";
import type { LegalHoldScopeKind, TLegalHoldView } from "@/lib/lifecycle/legal-hold-schemas";
import type { LegalHoldAction } from "./legal-hold-format";

type Props = {
  orgSlug: string;
  createAction: LegalHoldAction;
  onCreated: (hold: TLegalHoldView) => void;
  onClose: () => void;
};

const SCOPES: { kind: LegalHoldScopeKind; label: string; hint: string }[] = [
  { kind: "org", label: "The whole organization", hint: "Every entry of the audit trail, and every person's data." },
  { kind: "people", label: "People", hint: "Entries where they act or are acted on, and their personal data." },
  { kind: "dates", label: "A date range", hint: "Entries recorded between two days (UTC)." },
  { kind: "query", label: "A search of the audit trail", hint: "What the same search finds on the audit screen." },
];

/** What the form's fields say, as the action's input. */
function readHold(form: FormData, kind: LegalHoldScopeKind) {
  const text = (name: string) => String(form.get(name) ?? "");
  const scope =
    kind === "people"
      ? {
          kind,
          people: text("people")
            .split(/[\s,]+/)
            .filter(Boolean),
        }
      : kind === "dates"
        ? { kind, from: text("from") || null, until: text("until") || null }
        : kind === "query"
          ? { kind, query: text("query") }
          : { kind };
  return { name: text("name"), matter: text("matter"), scope };
}

/** Placing a hold: its name, its matter, and what it covers; the server's messages land on their fields. */
export function CreateLegalHoldDialog({ orgSlug, createAction, onCreated, onClose }: Props) {
  const id = useId();
  const [kind, setKind] = useState<LegalHoldScopeKind>("org");
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string[]>>({});
  const [pending, startTransition] = useTransition();
  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input = readHold(new FormData(event.currentTarget), kind);
    startTransition(async () => {
      const result = await createAction(orgSlug, input);
      if (result.ok) return onCreated(result.data);
      setError(result.error);
      setFields(result.fieldErrors ?? {});
    });
  };
  // "scope.people.2" (one id) shows under the people field.
  const errorsOf = (name: string) =>
    Object.entries(fields).flatMap(([path, messages]) =>
      path === name || path.startsWith(`${name}.`) ? messages : [],
    );
  const field = (
    name: string,
    label: string,
    control: (props: React.AriaAttributes & { id: string }) => React.ReactNode,
  ) => (
    <div className="space-y-1 text-sm">
      <label htmlFor={`${id}-${name}`} className="block font-medium text-slate-700">
        {label}
      </label>
      {control({
        id: `${id}-${name}`,
        "aria-invalid": errorsOf(name).length ? true : undefined,
        "aria-describedby": errorsOf(name).length ? `${id}-${name}-error` : undefined,
      })}
      <FieldErrors id={`${id}-${name}-error`} errors={errorsOf(name)} />
    </div>
  );

  return (
    <Dialog title="Place a legal hold" onClose={onClose} size="lg">
      <form method="post" onSubmit={submit} noValidate className="space-y-4" aria-label="Place a legal hold">
        <FormError message={error} />
        {field("name", "Name", (props) => (
          <input {...props} name="name" className={inputStyles} maxLength={120} />
        ))}
        {field("matter", "Matter or reason", (props) => (
          <textarea {...props} name="matter" rows={2} className={inputStyles} />
        ))}
        <fieldset className="space-y-2 text-sm">
          <legend className="font-medium text-slate-700">What it covers</legend>
          {SCOPES.map((scope) => (
            <label key={scope.kind} className="flex items-start gap-2">
              <input
                type="radio"
                name="scope"
                value={scope.kind}
                checked={kind === scope.kind}
                onChange={() => setKind(scope.kind)}
                className="mt-1"
              />
              <span>
                <span className="font-medium text-slate-800">{scope.label}</span>
                <span className="block text-xs text-slate-500">{scope.hint}</span>
              </span>
            </label>
          ))}
          <FieldErrors id={`${id}-scope-error`} errors={[...(fields.scope ?? []), ...(fields["scope.kind"] ?? [])]} />
        </fieldset>
        {kind === "people"
          ? field("scope.people", "User ids or email addresses (one per line)", (props) => (
              <textarea {...props} name="people" rows={3} className={`${inputStyles} font-mono`} />
            ))
          : null}
        {kind === "dates" ? (
          <div className="grid gap-3 sm:grid-cols-2">
            {field("scope.from", "From (UTC day)", (props) => (
              <input {...props} type="date" name="from" className={inputStyles} />
            ))}
            {field("scope.until", "Through (UTC day)", (props) => (
              <input {...props} type="date" name="until" className={inputStyles} />
            ))}
          </div>
        ) : null}
        {kind === "query"
          ? field("scope.query", "Search", (props) => (
              <input
                {...props}
                name="query"
                placeholder="actor:ada@example.com action:member.*"
                className={`${inputStyles} font-mono`}
              />
            ))
          : null}
        <DialogActions onCancel={onClose} label="Place hold" pendingLabel="Placing…" pending={pending} />
      </form>
    </Dialog>
  );
}
