"use client";

import { useState, useTransition } from "react";
import { errorsByField } from "@/components/ui/field-errors";
import { FormError } from "@/components/ui/form-field";
import type { ActionResult } from "@/lib/http/action-result";
import { EndpointFields } from "./endpoint-fields";
import { checkFilter, EventFilterFields, NOTHING_PICKED, type EventFilterValue } from "./event-filter-fields";

type EndpointInput = { url: string; description: string; categories: string[]; actions: string[] };
type Options<T> = {
  initial: { url: string; description: string; filter: EventFilterValue };
  send: (input: EndpointInput) => Promise<ActionResult<T>>;
  onSent: (data: T) => void;
};

/** The state of a form over an endpoint's URL, description and event filter (the create dialog, the settings form). */
export function useEndpointForm<T>({ initial, send, onSent }: Options<T>) {
  const [url, setUrl] = useState(initial.url);
  const [description, setDescription] = useState(initial.description);
  const [filter, setFilter] = useState<EventFilterValue>(initial.filter);
  const [submitted, setSubmitted] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [serverErrors, setServerErrors] = useState<Record<string, string[]>>({});
  const [pending, startTransition] = useTransition();
  const checked = checkFilter(filter);
  // "Pick at least one" only after a first submit; a wrong action as soon as it is typed (the fields show those).
  const filterProblems = submitted && checked.problems.includes(NOTHING_PICKED) ? [NOTHING_PICKED] : [];

  /** Sends the form; false when the filter is not ready to send. */
  function submit(event: React.FormEvent): boolean {
    event.preventDefault();
    setSubmitted(true);
    setError(null);
    setServerErrors({});
    if (checked.problems.length) {
      setError("Check the highlighted fields.");
      return false;
    }
    startTransition(async () => {
      const result = await send({ url, description, categories: checked.categories, actions: checked.actions });
      if (!result.ok) {
        // A refusal about one field (the SSRF guard on the URL) is shown on that field, not twice.
        const fields = errorsByField(result.fieldErrors);
        setError(Object.keys(fields).some((field) => field !== "_") ? "Check the highlighted fields." : result.error);
        setServerErrors(fields);
        return;
      }
      onSent(result.data);
    });
    return true;
  }

  return {
    ...{ url, setUrl, description, setDescription, filter, setFilter },
    ...{ error, serverErrors, filterProblems, pending, submit },
  };
}

type FieldsProps = { id: string; form: ReturnType<typeof useEndpointForm> };

/** The form's error, the URL and description, and the event filter. */
export function EndpointFormFields({ id, form }: FieldsProps) {
  const { url, setUrl, description, setDescription, filter, setFilter, error, serverErrors, filterProblems } = form;
  return (
    <>
      <FormError message={error} />
      <EndpointFields
        id={id}
        url={url}
        description={description}
        errors={serverErrors}
        onUrl={setUrl}
        onDescription={setDescription}
      />
      <EventFilterFields
        value={filter}
        onChange={setFilter}
        actionErrors={[...filterProblems, ...(serverErrors.actions ?? [])]}
        categoryErrors={serverErrors.categories}
      />
    </>
  );
}
