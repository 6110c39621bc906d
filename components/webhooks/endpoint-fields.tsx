"use client";

import { FieldErrors, inputStyles } from "@/components/ui/field-errors";
import { WEBHOOK_LIMITS } from "@/lib/webhooks/schemas";

type Props = {
  id: string;
  url: string;
  description: string;
  onUrl: (url: string) => void;
  onDescription: (description: string) => void;
  errors: Record<string, string[]>;
};

/** The receiver's URL and a description; where the URL may point is the server's check (SSRF guard), shown on the field. */
export function EndpointFields({ id, url, description, onUrl, onDescription, errors }: Props) {
  return (
    <>
      <div className="space-y-1">
        <label htmlFor={`${id}-url`} className="block text-sm font-medium text-slate-700">
          Endpoint URL
        </label>
        <input
          id={`${id}-url`}
          type="url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          value={url}
          onChange={(event) => onUrl(event.target.value)}
          placeholder="https://example.com/webhooks/verity"
          aria-invalid={errors.url?.length ? true : undefined}
          aria-describedby={[`${id}-url-hint`, errors.url?.length ? `${id}-url-error` : null].filter(Boolean).join(" ")}
          className={`${inputStyles} font-mono`}
        />
        <p id={`${id}-url-hint`} className="text-xs text-slate-500">
          HTTPS, reachable from the internet. Private, loopback and cloud metadata addresses are refused.
        </p>
        <FieldErrors id={`${id}-url-error`} errors={errors.url} />
      </div>
      <div className="space-y-1">
        <label htmlFor={`${id}-description`} className="block text-sm font-medium text-slate-700">
          Description <span className="font-normal text-slate-500">(optional)</span>
        </label>
        <input
          id={`${id}-description`}
          autoComplete="off"
          maxLength={WEBHOOK_LIMITS.maxDescription}
          value={description}
          onChange={(event) => onDescription(event.target.value)}
          placeholder="SIEM ingestion"
          aria-invalid={errors.description?.length ? true : undefined}
          aria-describedby={errors.description?.length ? `${id}-description-error` : undefined}
          className={inputStyles}
        />
        <FieldErrors id={`${id}-description-error`} errors={errors.description} />
      </div>
    </>
  );
}
